import { describe, expect, it } from 'vitest';
import { instrumentById } from '../../src/domain/codes-instruments';
import { emptyDraft, type PeerEncounterDraft } from '../../src/domain/peer-encounter-draft';
import { validateDraftForSave } from '../../src/domain/validate-draft';

const PHQ9 = instrumentById('phq-9');
const NOW = new Date('2026-11-20T18:00Z');
const base = emptyDraft(
  '6f1c2a4e-8b0d-4c5e-9a77-0d1e2f3a4b51',
  'pt-maria-santos',
  new Date('2026-11-20T17:05Z'),
);

function measureProblems(draft: PeerEncounterDraft) {
  return validateDraftForSave(draft, 'draft', NOW).filter((p) => p.field.startsWith('measures'));
}

describe('validateDraftForSave, a total kept from an older draft', () => {
  it('accepts a PHQ-9 total alone, as drafts kept before items were asked have it', () => {
    expect(
      measureProblems({ ...base, measures: [{ kind: 'score', code: PHQ9.total.code, value: 14 }] }),
    ).toEqual([]);
  });

  it('asks to empty the total when the same instrument is also answered question by question', () => {
    const draft: PeerEncounterDraft = {
      ...base,
      measures: [
        { kind: 'score', code: PHQ9.total.code, value: 14 },
        { kind: 'instrument', instrument: 'phq-9', answers: {} },
      ],
    };
    expect(measureProblems(draft)).toEqual([
      {
        field: 'measures.0.value',
        message: 'The PHQ-9 is also answered question by question: empty this total.',
      },
    ]);
  });
});
