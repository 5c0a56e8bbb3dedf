/**
 * One search for everything a saved peer note is made of: its Encounter with the Observations,
 * Task and Provenances that point at it, and the Goals its progress Observations are about.
 */
export function peerNoteQuery(encounterId: string): string {
  const id = encodeURIComponent(encounterId);
  return [
    `Encounter?_id=${id}`,
    '_revinclude=Observation:encounter',
    '_revinclude=Task:focus',
    '_revinclude=Provenance:target',
    '_include:iterate=Observation:focus',
  ].join('&');
}
