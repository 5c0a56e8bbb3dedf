import { arrayOf, isRecord, textOf } from './guards';

/**
 * The `next` link of a searchset page, as the server gave it, or undefined on the last page (or for
 * anything that is not a Bundle). Paging tokens are the server's: the link is followed as given,
 * never rebuilt from an offset. https://hl7.org/fhir/R4/search.html#paging
 */
export function nextLink(bundle: unknown): string | undefined {
  if (!isRecord(bundle) || bundle.resourceType !== 'Bundle') {
    return undefined;
  }
  const links = Array.isArray(bundle.link) ? (bundle.link as unknown[]) : undefined;
  const next = arrayOf(links).find((link) => isRecord(link) && link.relation === 'next');
  return isRecord(next) ? textOf(next.url) : undefined;
}
