/**
 * Whether the server declares the search parameters, `_include`s and `_revinclude`s PeerBridge uses.
 * Each missing one warns: the app repeats filtering it cannot rely on when it reads the answer, and a
 * missing include costs extra requests or leaves a name blank, but nothing is lost.
 */
import { searchNeedsByType, type SearchNeeds } from './app-searches';
import { check, passed, type CheckResult } from './check-result';
import type { CapabilityFacts, ResourceFacts } from './capability-statement';

/** `Encounter:participant:PractitionerRole` is also allowed by `Encounter:participant` or `*`. */
function includeDeclared(value: string, declared: readonly string[]): boolean {
  const [source = '', param = ''] = value.split(':');
  return declared.some(
    (entry) => entry === '*' || entry === value || entry === `${source}:${param}` || entry === `${source}:*`,
  );
}

function describe(missing: ReadonlyMap<string, ReadonlySet<string>>): string {
  return [...missing].map(([name, features]) => `${name} (${[...features].join(', ')})`).join('; ');
}

function missingFrom(
  needed: ReadonlyMap<string, ReadonlySet<string>>,
  isDeclared: (name: string) => boolean,
): Map<string, ReadonlySet<string>> {
  return new Map([...needed].filter(([name]) => !isDeclared(name)));
}

export function checkSearchParameters(
  facts: CapabilityFacts,
  needs: SearchNeeds[] = searchNeedsByType(),
): CheckResult[] {
  const server = facts.server;
  if (!server) {
    return [];
  }
  return needs.map((need) => {
    const id = `metadata.search.${need.resourceType}`;
    const title = `${need.resourceType} search parameters`;
    const resource: ResourceFacts | undefined = server.resources.get(need.resourceType);
    const declaredInclude = (value: string): boolean => {
      // An `_include:iterate=Observation:focus` may be declared on its own source type.
      const sourceType = value.split(':')[0] ?? '';
      return includeDeclared(value, [
        ...(resource?.searchInclude ?? []),
        ...(server.resources.get(sourceType)?.searchInclude ?? []),
      ]);
    };
    const params = missingFrom(
      need.params,
      (name) => resource?.searchParams.has(name) === true || server.searchParams.has(name),
    );
    const includes = missingFrom(need.includes, declaredInclude);
    const revIncludes = missingFrom(need.revIncludes, (value) =>
      includeDeclared(value, resource?.searchRevInclude ?? []),
    );
    const parts = [
      params.size > 0 ? `parameters ${describe(params)}` : '',
      includes.size > 0 ? `_include ${describe(includes)}` : '',
      revIncludes.size > 0 ? `_revinclude ${describe(revIncludes)}` : '',
    ].filter((part) => part !== '');
    if (parts.length === 0) {
      const declared = [
        [...need.params.keys()].join(', '),
        ...[...need.includes.keys()].map((value) => `_include=${value}`),
        ...[...need.revIncludes.keys()].map((value) => `_revinclude=${value}`),
      ];
      return passed(id, title, `Declared: ${declared.filter((part) => part !== '').join(', ')}.`);
    }
    return check(
      id,
      title,
      'warn',
      `Not declared: ${parts.join('; ')}.`,
      'PeerBridge filters again what it reads, so it keeps working; ask the EHR team whether these are ' +
        'supported but undeclared, or expect slower screens and blank names where includes are missing.',
    );
  });
}
