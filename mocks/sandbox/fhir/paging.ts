import type { BundleLink } from 'fhir/r4';

/**
 * Self, first, previous and next links for a page of search results, as absolute URLs under the
 * base, carrying `_offset` as the page token. https://hl7.org/fhir/R4/http.html#paging
 */
export function buildPagingLinks(options: {
  baseUrl: string;
  resourceType: string;
  params: readonly (readonly [string, string])[];
  count: number;
  offset: number;
  total: number;
}): BundleLink[] {
  const { baseUrl, resourceType, params, count, offset, total } = options;
  const pageUrl = (pageOffset: number): string => {
    const query = new URLSearchParams(params.map(([key, value]) => [key, value]));
    query.set('_count', String(count));
    query.set('_offset', String(pageOffset));
    return `${baseUrl}/${resourceType}?${query.toString()}`;
  };
  const links: BundleLink[] = [{ relation: 'self', url: pageUrl(offset) }];
  if (count === 0) {
    return links;
  }
  links.push({ relation: 'first', url: pageUrl(0) });
  if (offset > 0) {
    links.push({ relation: 'previous', url: pageUrl(Math.max(0, offset - count)) });
  }
  if (offset + count < total) {
    links.push({ relation: 'next', url: pageUrl(offset + count) });
  }
  return links;
}
