/**
 * An ETag or If-Match header names a version as `W/"3"` (weak) or `"3"`
 * (https://hl7.org/fhir/R4/http.html#versioning); both fakes compare the bare version id.
 */
export function parseETag(header: string | undefined): string | undefined {
  if (header === undefined) {
    return undefined;
  }
  const match = /^(?:W\/)?"([^"]*)"$/.exec(header.trim());
  return match ? match[1] : header.trim();
}
