import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { instrumentById } from '../../src/domain/codes-instruments';
import {
  emptyDraft,
  type DraftFollowUp,
  type PeerEncounterDraft,
} from '../../src/domain/peer-encounter-draft';
import { applySafetyFollowUp, peerWordsOf, safetyAnswersOf } from '../../src/domain/safety-follow-up';

const PHQ9 = instrumentById('phq-9');
const ITEM_9 = PHQ9.items[8];
const ANSWER_CODES = (ITEM_9?.answers ?? []).map((a) => a.coding.code);
const REASON_PREFIX = PHQ9.safetyItem?.reason ?? '';
const START = emptyDraft(
  '6f1c2a4e-8b0d-4c5e-9a77-0d1e2f3a4b51',
  'pt-maria-santos',
  new Date('2026-11-20T17:05Z'),
);

/** One thing a peer does in the form, as a change to the draft. */
type Edit =
  | { kind: 'answer'; code: string | undefined }
  | { kind: 'words'; words: string }
  | { kind: 'urgency'; urgency: string }
  | { kind: 'recipient'; on: boolean }
  | { kind: 'remove' }
  | { kind: 'add'; reason: string };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({
    kind: fc.constant('answer' as const),
    code: fc.option(fc.constantFrom(...ANSWER_CODES), { nil: undefined }),
  }),
  fc.record({ kind: fc.constant('words' as const), words: fc.string({ maxLength: 30 }) }),
  fc.record({ kind: fc.constant('urgency' as const), urgency: fc.constantFrom('routine', 'urgent', 'asap') }),
  fc.record({ kind: fc.constant('recipient' as const), on: fc.boolean() }),
  fc.record({ kind: fc.constant('remove' as const) }),
  fc.record({ kind: fc.constant('add' as const), reason: fc.constantFrom('other', 'medication-question') }),
);

function applyEdit(draft: PeerEncounterDraft, e: Edit): PeerEncounterDraft {
  const followUp = draft.followUp;
  const withFollowUp = (next: DraftFollowUp) => ({ ...draft, followUp: next });
  switch (e.kind) {
    case 'answer':
      return {
        ...draft,
        measures: [
          {
            kind: 'instrument',
            instrument: 'phq-9',
            answers: e.code === undefined || !ITEM_9 ? {} : { [ITEM_9.linkId]: e.code },
          },
        ],
      };
    case 'words':
      return followUp ? withFollowUp({ ...followUp, note: e.words }) : draft;
    case 'urgency':
      return followUp ? withFollowUp({ ...followUp, urgency: e.urgency }) : draft;
    case 'recipient': {
      if (!followUp) {
        return draft;
      }
      const { recipient: _old, ...rest } = followUp;
      return withFollowUp(
        e.on
          ? { ...rest, recipient: { reference: 'Practitioner/pr-sam-okafor', display: 'Sam Okafor' } }
          : rest,
      );
    }
    case 'remove': {
      const { followUp: _gone, ...rest } = draft;
      return rest;
    }
    case 'add':
      return followUp ? draft : withFollowUp({ reason: e.reason, urgency: 'routine' });
  }
}

describe('applySafetyFollowUp over any sequence of edits', () => {
  it('holds the follow-up urgent, naming the reason, while a safety answer stands, and is idempotent', () => {
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 12 }), (edits) => {
        let state = applySafetyFollowUp(START, undefined);
        for (const e of edits) {
          const typed = applyEdit(state.draft, e);
          state = applySafetyFollowUp(typed, state.before);
          const followUp = state.draft.followUp;
          if (safetyAnswersOf(state.draft).length > 0) {
            expect(followUp?.reason).toBe('safety-concern');
            expect(['urgent', 'asap']).toContain(followUp?.urgency);
            expect(followUp?.note?.startsWith(REASON_PREFIX)).toBe(true);
            // The words the peer just typed are all still there, after the reason.
            if (e.kind === 'words' && typed.followUp && e.words.trim() !== '') {
              expect(peerWordsOf(followUp?.note)).toBe(peerWordsOf(e.words));
            }
          } else {
            expect(followUp?.note ?? '').not.toContain(REASON_PREFIX);
          }
          expect(applySafetyFollowUp(state.draft, state.before).draft).toEqual(state.draft);
        }
      }),
      { numRuns: 300 },
    );
  });
});
