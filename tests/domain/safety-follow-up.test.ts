import { describe, expect, it } from 'vitest';
import { instrumentById } from '../../src/domain/codes-instruments';
import type { DraftFollowUp, PeerEncounterDraft } from '../../src/domain/peer-encounter-draft';
import { emptyDraft } from '../../src/domain/peer-encounter-draft';
import {
  applySafetyFollowUp,
  isSafetyLocked,
  peerWordsOf,
  safetyAnswersOf,
} from '../../src/domain/safety-follow-up';
import { validateDraftForSave } from '../../src/domain/validate-draft';

const PHQ9 = instrumentById('phq-9');
const ITEM_9 = '44260-8';
const answerCode = (display: string): string => {
  const answer = PHQ9.items[8]?.answers.find((a) => a.coding.display === display);
  if (!answer) {
    throw new Error(`No PHQ-9 answer "${display}"`);
  }
  return answer.coding.code;
};
const NOT_AT_ALL = answerCode('Not at all');
const SEVERAL_DAYS = answerCode('Several days');
const NEARLY_EVERY_DAY = answerCode('Nearly every day');
const REASON = 'PHQ-9 item 9: thoughts of being better off dead or of self-harm (“Several days”)';
const DR_OKAFOR = { reference: 'Practitioner/pr-okafor', display: 'Dr. Ada Okafor' };

function draftWith(item9: string | undefined, followUp?: DraftFollowUp): PeerEncounterDraft {
  const draft = emptyDraft(
    '6f1c2a4e-8b0d-4c5e-9a77-0d1e2f3a4b51',
    'pt-maria-santos',
    new Date('2026-11-20T17:05Z'),
  );
  return {
    ...draft,
    measures: [
      { kind: 'instrument', instrument: 'phq-9', answers: item9 === undefined ? {} : { [ITEM_9]: item9 } },
    ],
    ...(followUp ? { followUp } : {}),
  };
}

/** Applies the rule as the form does on every update: the result's `before` is handed back next time. */
function steps(first: PeerEncounterDraft, ...changes: ((d: PeerEncounterDraft) => PeerEncounterDraft)[]) {
  let state = applySafetyFollowUp(first, undefined);
  for (const change of changes) {
    state = applySafetyFollowUp(change(state.draft), state.before);
  }
  return state;
}

const answerItem9 = (code: string) => (d: PeerEncounterDraft) => ({
  ...d,
  measures: d.measures.map((m) =>
    m.kind === 'instrument' ? { ...m, answers: { ...m.answers, [ITEM_9]: code } } : m,
  ),
});
const editFollowUp = (change: Partial<DraftFollowUp>) => (d: PeerEncounterDraft) =>
  d.followUp ? { ...d, followUp: { ...d.followUp, ...change } } : d;
const wordsOfPeer = (words: string) => (d: PeerEncounterDraft) =>
  d.followUp ? { ...d, followUp: { ...d.followUp, note: words } } : d;

describe('safetyAnswersOf', () => {
  it('finds a PHQ-9 item 9 answered above "Not at all"', () => {
    expect(safetyAnswersOf(draftWith(SEVERAL_DAYS)).map((a) => a.reason)).toEqual([REASON]);
  });

  it('finds none for "Not at all", an unanswered item 9, or no instrument', () => {
    expect(safetyAnswersOf(draftWith(NOT_AT_ALL))).toEqual([]);
    expect(safetyAnswersOf(draftWith(undefined))).toEqual([]);
    expect(safetyAnswersOf({ ...draftWith(undefined), measures: [] })).toEqual([]);
  });
});

describe('applySafetyFollowUp while a safety answer stands', () => {
  it('adds an urgent safety-concern follow-up whose note names the reason', () => {
    const { draft } = applySafetyFollowUp(draftWith(SEVERAL_DAYS), undefined);
    expect(draft.followUp).toEqual({ reason: 'safety-concern', urgency: 'urgent', note: REASON });
    expect(isSafetyLocked(draft)).toBe(true);
  });

  it('takes over a follow-up the peer had, keeping their recipient and words after the reason', () => {
    const own: DraftFollowUp = {
      reason: 'medication-question',
      urgency: 'routine',
      recipient: DR_OKAFOR,
      note: 'Asks whether the new dose is why she sleeps badly.',
    };
    const { draft, before } = applySafetyFollowUp(draftWith(SEVERAL_DAYS, own), undefined);
    expect(draft.followUp).toEqual({
      reason: 'safety-concern',
      urgency: 'urgent',
      recipient: DR_OKAFOR,
      note: `${REASON}\nAsks whether the new dose is why she sleeps badly.`,
    });
    expect(before).toEqual(own);
  });

  it('keeps ASAP: the urgency is raised to urgent, never lowered', () => {
    const { draft } = applySafetyFollowUp(
      draftWith(SEVERAL_DAYS, { reason: 'other', urgency: 'asap' }),
      undefined,
    );
    expect(draft.followUp?.urgency).toBe('asap');
  });

  it('puts the urgency back to urgent when the peer lowers it to routine', () => {
    const { draft } = steps(draftWith(SEVERAL_DAYS), editFollowUp({ urgency: 'routine' }));
    expect(draft.followUp?.urgency).toBe('urgent');
  });

  it('puts the follow-up back when the peer removes it, and the reason when they change it', () => {
    expect(steps(draftWith(SEVERAL_DAYS), (d) => ({ ...d, followUp: undefined })).draft.followUp).toEqual({
      reason: 'safety-concern',
      urgency: 'urgent',
      note: REASON,
    });
    expect(steps(draftWith(SEVERAL_DAYS), editFollowUp({ reason: 'other' })).draft.followUp?.reason).toBe(
      'safety-concern',
    );
  });

  it('keeps the words the peer adds after the reason, and puts the reason back if they delete it', () => {
    const { draft } = steps(
      draftWith(SEVERAL_DAYS),
      wordsOfPeer(`${REASON}\nShe agreed to call 988 tonight if it gets worse.`),
      wordsOfPeer('She agreed to call 988 tonight if it gets worse.'),
    );
    expect(draft.followUp?.note).toBe(`${REASON}\nShe agreed to call 988 tonight if it gets worse.`);
  });

  it('names the answer as it now is when the peer changes it to another answer above "Not at all"', () => {
    const { draft } = steps(
      draftWith(SEVERAL_DAYS),
      wordsOfPeer(`${REASON}\nSafety plan made.`),
      answerItem9(NEARLY_EVERY_DAY),
    );
    expect(draft.followUp?.note).toBe(
      'PHQ-9 item 9: thoughts of being better off dead or of self-harm (“Nearly every day”)\nSafety plan made.',
    );
  });

  it('lets the peer choose who follows up', () => {
    const { draft } = steps(draftWith(SEVERAL_DAYS), editFollowUp({ recipient: DR_OKAFOR }));
    expect(draft.followUp?.recipient).toEqual(DR_OKAFOR);
  });

  it('changes nothing when applied again (idempotent)', () => {
    const once = applySafetyFollowUp(draftWith(SEVERAL_DAYS), undefined);
    const twice = applySafetyFollowUp(once.draft, once.before);
    expect(twice.draft).toBe(once.draft);
  });

  it('gives a follow-up that validates for signing', () => {
    const { draft } = applySafetyFollowUp(draftWith(SEVERAL_DAYS), undefined);
    const problems = validateDraftForSave(draft, 'final', new Date('2026-11-20T18:00Z')).filter((p) =>
      p.field.startsWith('followUp'),
    );
    expect(problems).toEqual([]);
  });
});

describe('applySafetyFollowUp when the answer is changed back to "Not at all"', () => {
  it('removes the automatic follow-up when the peer added nothing to it', () => {
    const { draft, before } = steps(draftWith(SEVERAL_DAYS), answerItem9(NOT_AT_ALL));
    expect(draft).not.toHaveProperty('followUp');
    expect(before).toBeUndefined();
  });

  it('removes it too when the PHQ-9 is cleared', () => {
    const { draft } = steps(draftWith(SEVERAL_DAYS), (d) => ({ ...d, measures: [] }));
    expect(draft).not.toHaveProperty('followUp');
  });

  it('gives back the follow-up the peer had before, unchanged', () => {
    const own: DraftFollowUp = {
      reason: 'medication-question',
      urgency: 'routine',
      note: 'Asks about the dose.',
    };
    const { draft } = steps(draftWith(SEVERAL_DAYS, own), answerItem9(NOT_AT_ALL));
    expect(draft.followUp).toEqual(own);
  });

  it('keeps the follow-up, without the reason line, when the peer added words', () => {
    const { draft } = steps(
      draftWith(SEVERAL_DAYS),
      wordsOfPeer(`${REASON}\nCall her back today.`),
      answerItem9(NOT_AT_ALL),
    );
    expect(draft.followUp).toEqual({
      reason: 'safety-concern',
      urgency: 'urgent',
      note: 'Call her back today.',
    });
  });

  it('keeps the follow-up when the peer chose who follows up', () => {
    const { draft } = steps(
      draftWith(SEVERAL_DAYS),
      editFollowUp({ recipient: DR_OKAFOR }),
      answerItem9(NOT_AT_ALL),
    );
    expect(draft.followUp).toEqual({ reason: 'safety-concern', urgency: 'urgent', recipient: DR_OKAFOR });
  });

  it('keeps the follow-up when the peer raised it to ASAP', () => {
    const { draft } = steps(
      draftWith(SEVERAL_DAYS),
      editFollowUp({ urgency: 'asap' }),
      answerItem9(NOT_AT_ALL),
    );
    expect(draft.followUp).toEqual({ reason: 'safety-concern', urgency: 'asap' });
  });

  it('then lets the peer lower the urgency: nothing is locked any more', () => {
    const { draft } = steps(
      draftWith(SEVERAL_DAYS),
      wordsOfPeer(`${REASON}\nCall her back.`),
      answerItem9(NOT_AT_ALL),
      editFollowUp({ urgency: 'routine' }),
    );
    expect(draft.followUp?.urgency).toBe('routine');
    expect(isSafetyLocked(draft)).toBe(false);
  });

  it('leaves a follow-up the rule never touched alone, whatever its reason', () => {
    const own: DraftFollowUp = { reason: 'safety-concern', urgency: 'routine' };
    const { draft } = applySafetyFollowUp(draftWith(NOT_AT_ALL, own), undefined);
    expect(draft.followUp).toEqual(own);
  });
});

describe('peerWordsOf', () => {
  it('is the note without the lines the rule wrote', () => {
    expect(peerWordsOf(`${REASON}\nShe has a safety plan.\nSee her Friday.`)).toBe(
      'She has a safety plan.\nSee her Friday.',
    );
    expect(peerWordsOf(undefined)).toBe('');
    expect(peerWordsOf(REASON)).toBe('');
  });

  it('keeps a trailing space or line break the peer is typing', () => {
    expect(peerWordsOf(`${REASON}\nShe has a plan `)).toBe('She has a plan ');
    expect(peerWordsOf(`${REASON}\nShe has a plan\n`)).toBe('She has a plan\n');
  });

  it('keeps a line of the peer that only starts with the reason: the rule writes whole lines', () => {
    const typed = `${REASON}. She has no plan and agreed to talk with Dr. Okafor today.`;
    expect(peerWordsOf(`${REASON}\n${typed}`)).toBe(typed);
  });
});
