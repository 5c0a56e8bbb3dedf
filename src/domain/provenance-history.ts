/** Who did what to a peer note, and when: the Provenances that target its Encounter. */
import type { Provenance } from 'fhir/r4';
import { COSIGN, PROVENANCE_CODE } from './codes';
import { codingsOf, conceptText, referenceOf } from './fhir-read';
import { arrayOf, isRecord, textOf } from './guards';
import { provenanceRevisionOf, resourceKeyOfTags } from './resource-keys';

/** `verify`: a supervisor's co-signature (profile peer-cosign-provenance). */
export type ProvenanceActivity = 'create' | 'update' | 'nullify' | 'verify' | 'other';

export interface ProvenanceEntry {
  readonly recorded: string;
  readonly activity: ProvenanceActivity;
  /** The activity in words, e.g. "create", or another system's own label. */
  readonly activityLabel: string;
  /** The agent's display; '' when it has none (then name it from authorReference). */
  readonly author: string;
  readonly authorReference?: string;
  readonly reason?: string;
  /** From our key `<draft id>:provenance:<n>`; absent on other systems' Provenances. */
  readonly revision?: number;
}

const ACTIVITIES: readonly [ProvenanceActivity, { system: string; code: string }][] = [
  ['create', PROVENANCE_CODE.create],
  ['update', PROVENANCE_CODE.update],
  ['nullify', PROVENANCE_CODE.nullify],
  ['verify', COSIGN.activity],
];

function activityOf(concept: unknown): ProvenanceActivity {
  for (const coding of codingsOf(concept)) {
    const match = ACTIVITIES.find(([, c]) => c.system === coding.system && c.code === coding.code);
    if (match) {
      return match[0];
    }
  }
  return 'other';
}

export function readProvenance(provenance: Provenance): ProvenanceEntry {
  const agent: unknown = arrayOf(provenance.agent)[0];
  const who = referenceOf(isRecord(agent) ? agent.who : undefined);
  const reasons = arrayOf(provenance.reason);
  const reason = reasons.length > 0 ? conceptText(reasons[0]) : '';
  const revision = provenanceRevisionOf(resourceKeyOfTags(provenance.meta?.tag));
  return {
    recorded: textOf(provenance.recorded) ?? '',
    activity: activityOf(provenance.activity),
    activityLabel: conceptText(provenance.activity),
    author: who?.display ?? '',
    ...(who?.reference ? { authorReference: who.reference } : {}),
    ...(reason ? { reason } : {}),
    ...(revision ? { revision } : {}),
  };
}

/** Oldest first; entries without a readable time keep their order at the end. */
export function sortHistory(entries: ProvenanceEntry[]): ProvenanceEntry[] {
  const time = (e: ProvenanceEntry): number => {
    const t = Date.parse(e.recorded);
    return Number.isNaN(t) ? Number.POSITIVE_INFINITY : t;
  };
  return entries
    .map((entry, order) => ({ entry, order, time: time(entry) }))
    .sort((a, b) => a.time - b.time || a.order - b.order)
    .map((x) => x.entry);
}
