/**
 * The `iss` an EHR sends must be its FHIR base spelled plainly. A URL parser quietly normalises
 * `https://user@ehr/fhir/./R4?x#y` to something that matches a configured server, but every piece of
 * state keyed by the issuer (drafts, `aud`, paging checks) would then differ per spelling, and a
 * crafted spelling is the first step of an audience or open-redirect trick. So anything beyond
 * scheme, host, port and plain path segments is refused before the allowlist is consulted.
 */

/** Why the issuer is refused, in words for the launch page; undefined when it is spelled plainly. */
export function issuerSpellingProblem(iss: string): string | undefined {
  let url: URL;
  try {
    url = new URL(iss);
  } catch {
    return 'it is not a URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return 'it is not an http(s) address';
  }
  // Checked on the raw text: the parser already dropped an empty `?`/`#` and resolved dot segments.
  const afterScheme = iss.slice(url.protocol.length).replace(/^\/\//, '');
  const slash = afterScheme.indexOf('/');
  const authority = slash === -1 ? afterScheme : afterScheme.slice(0, slash);
  const rest = slash === -1 ? '' : afterScheme.slice(slash);
  if (authority.includes('@') || url.username !== '' || url.password !== '') {
    return 'it carries a user name or password';
  }
  if (iss.includes('?')) {
    return 'it carries a query (?…)';
  }
  if (iss.includes('#')) {
    return 'it carries a fragment (#…)';
  }
  if (iss.includes('\\')) {
    return 'it contains a backslash';
  }
  const segments = rest.split('/').map((segment) => segment.replace(/%2e/gi, '.'));
  if (segments.some((segment) => segment === '.' || segment === '..')) {
    return 'its path contains "." or ".." segments';
  }
  return undefined;
}
