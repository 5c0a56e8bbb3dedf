/**
 * The one place PeerBridge builds FHIR query strings. Every value is percent-encoded
 * (`encodeURIComponent`): some proxies in front of FHIR servers (the SMART reference launcher's, for
 * one) collapse `//` inside an unencoded value, so `identifier=https://…` arrives as `https:/…`, and
 * `|`, `,` or spaces are not safe in a URL either. Names are sent as written: they are ours, and
 * modifiers such as `_include:iterate` keep their `:`. https://hl7.org/fhir/R4/search.html#escaping
 */

/** One `name=value` pair; a value is a string or a count. */
export type QueryParam = readonly [name: string, value: string | number];

/** `name=value&…` with every value encoded: a search's query, or an `If-None-Exist` header. */
export function queryString(params: readonly QueryParam[]): string {
  return params.map(([name, value]) => `${name}=${encodeURIComponent(String(value))}`).join('&');
}

/** A search relative to the FHIR base: `Type?name=value&…` (just `Type` when there are no params). */
export function searchPath(resourceType: string, params: readonly QueryParam[]): string {
  return params.length === 0 ? resourceType : `${resourceType}?${queryString(params)}`;
}

/** A read relative to the FHIR base: `Type/id`, the id encoded. */
export function readPath(resourceType: string, id: string): string {
  return `${resourceType}/${encodeURIComponent(id)}`;
}
