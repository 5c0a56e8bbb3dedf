import type { Encounter } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { FIXTURE_NOW, fixtureContext, mariaIndividualDraft } from '../../mocks/fixtures/drafts';
import { buildCaseloadRows } from '../../src/domain/caseload-rows';
import { parseNoteText } from '../../src/domain/clinical-note-parse';
import { renderNoteText } from '../../src/domain/clinical-note-text';
import { CATEGORY, EXTENSION } from '../../src/domain/codes';
import { draftToTransaction } from '../../src/domain/draft-to-transaction';
import { nextContactOf } from '../../src/domain/next-contact';
import { transactionToView } from '../../src/domain/peer-encounter-view';
import { validateDraft } from '../../src/domain/validate-draft';

const planned = { ...mariaIndividualDraft, nextContact: '2026-11-25' };

describe('the next planned contact', () => {
  it('is written on the person’s Encounter and read back into the draft', () => {
    const bundle = draftToTransaction(planned, fixtureContext());
    const view = transactionToView(bundle);
    expect(view?.draft.nextContact).toBe('2026-11-25');
  });

  it('is named in the clinical note text and parsed back from it', () => {
    const text = renderNoteText(planned);
    expect(text).toContain('Next contact planned: 2026-11-25');
    expect(parseNoteText(text, { id: planned.id, patientId: planned.patientId })?.nextContact).toBe(
      '2026-11-25',
    );
  });

  it('must be a date on or after the contact', () => {
    const now = new Date(FIXTURE_NOW);
    expect(validateDraft(planned, now).filter((p) => p.field === 'nextContact')).toEqual([]);
    expect(validateDraft({ ...planned, nextContact: '2026-11-01' }, now).map((p) => p.field)).toContain(
      'nextContact',
    );
    expect(validateDraft({ ...planned, nextContact: 'Thursday' }, now).map((p) => p.field)).toContain(
      'nextContact',
    );
  });

  it('ignores an extension that is not a whole date', () => {
    const odd: Encounter = {
      resourceType: 'Encounter',
      status: 'finished',
      class: { code: 'AMB' },
      extension: [{ url: EXTENSION.nextContact, valueDate: '2026-11' }],
    };
    expect(nextContactOf(odd)).toBeUndefined();
  });

  it('shows on the caseload from the latest peer contact only', () => {
    const contact = (id: string, start: string, next?: string): Encounter => ({
      resourceType: 'Encounter',
      id,
      status: 'finished',
      class: { code: 'AMB' },
      type: [{ coding: [CATEGORY.peerSupportService] }],
      subject: { reference: 'Patient/maria' },
      period: { start },
      ...(next ? { extension: [{ url: EXTENSION.nextContact, valueDate: next }] } : {}),
    });
    const people = [{ id: 'maria', name: 'Maria' }];
    const now = new Date('2026-12-02T12:00:00Z');
    const [row] = buildCaseloadRows(
      people,
      {
        encounters: [
          contact('e1', '2026-11-01T10:00:00Z', '2026-11-08'),
          contact('e2', '2026-11-20T10:00:00Z', '2026-12-04'),
        ],
        tasks: [],
      },
      now,
    );
    expect(row?.nextContact).toBe('2026-12-04');
    const [replaced] = buildCaseloadRows(
      people,
      {
        encounters: [
          contact('e1', '2026-11-01T10:00:00Z', '2026-11-08'),
          contact('e2', '2026-11-20T10:00:00Z'),
        ],
        tasks: [],
      },
      now,
    );
    expect(replaced?.nextContact).toBeUndefined();
  });
});
