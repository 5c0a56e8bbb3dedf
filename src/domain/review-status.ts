/**
 * The supervisor's review in words, where peers and clinicians read notes: "Reviewed by … on …" on a
 * co-signed note, and one line per person on the peer's caseload for their latest note.
 */
import type { Encounter } from 'fhir/r4';
import { formatDate } from './format';
import { textOf } from './guards';
import { reviewStateOf, type ReviewRecords } from './note-review';
import type { ProvenanceEntry } from './provenance-history';
import { parseReference, referenceToId } from './references';
import { isPeerEncounter } from './view-index';

/**
 * "Reviewed by Riley Santos on Mar 10, 2026" from a note's history (oldest first), or undefined when
 * nobody co-signed it. A co-signature followed by an amendment says so: it vouched for earlier words.
 */
export function reviewedByLine(history: readonly ProvenanceEntry[]): string | undefined {
  const index = history.map((entry) => entry.activity).lastIndexOf('verify');
  const cosign = history[index];
  if (!cosign) {
    return undefined;
  }
  const amendedSince = history
    .slice(index + 1)
    .some((entry) => entry.activity === 'update' || entry.activity === 'create');
  const who = cosign.author || 'a supervisor';
  const when = formatDate(cosign.recorded);
  return `Reviewed by ${who}${when ? ` on ${when}` : ''}${amendedSince ? ' (before the latest amendment)' : ''}`;
}

/**
 * Per person, the review of their latest signed peer note, for the caseload's `reviewStatus`:
 * "Awaiting review", "Co-signed by …", or "Returned by …: <comment>". People whose notes carry no
 * signature PeerBridge can read get no entry.
 */
export function caseloadReviewStatuses(
  encounters: readonly Encounter[],
  records: ReviewRecords,
): Map<string, string> {
  const latest = new Map<string, Encounter>();
  for (const encounter of encounters) {
    const person = parseReference(encounter.subject?.reference);
    if (
      person?.resourceType !== 'Patient' ||
      encounter.status !== 'finished' ||
      !isPeerEncounter(encounter)
    ) {
      continue;
    }
    const current = latest.get(person.id);
    if (!current || (textOf(encounter.period?.start) ?? '') > (textOf(current.period?.start) ?? '')) {
      latest.set(person.id, encounter);
    }
  }
  const statuses = new Map<string, string>();
  for (const [person, encounter] of latest) {
    const id = textOf(encounter.id);
    const state = id ? reviewStateOf(referenceToId('Encounter', id), records) : undefined;
    switch (state?.kind) {
      case 'awaiting':
        statuses.set(person, 'Awaiting review');
        break;
      case 'cosigned':
        statuses.set(person, `Co-signed by ${state.by || 'your supervisor'}`);
        break;
      case 'returned':
        statuses.set(person, `Returned by ${state.by || 'your supervisor'}: ${state.comment}`);
        break;
      case 'unsigned':
      case undefined:
        break;
    }
  }
  return statuses;
}
