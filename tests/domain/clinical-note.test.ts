import type { DocumentReference } from 'fhir/r4';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  base64ToUtf8,
  buildClinicalNote,
  enteredInErrorNote,
  readClinicalNote,
  supersededNote,
  type ClinicalNoteContext,
} from '../../src/domain/clinical-note';
import { parseNoteText } from '../../src/domain/clinical-note-parse';
import { noteDraft, renderNoteText } from '../../src/domain/clinical-note-text';
import {
  ACTIVITIES,
  CHECK_IN_ITEMS,
  CLINICAL_NOTE,
  CONTACT_MODES,
  FOLLOW_UP_REASONS,
  FOLLOW_UP_URGENCIES,
  GOAL_PROGRESS,
  PROFILE,
  RESOURCE_KEY_SYSTEM,
  RESPONSES,
  SETTINGS,
} from '../../src/domain/codes';
import type { PeerEncounterDraft } from '../../src/domain/peer-encounter-draft';
import {
  devonGroupDraft,
  FIXTURE_NOW,
  lenaPart2Draft,
  mariaIndividualDraft,
} from '../../mocks/fixtures/drafts';
import { draftArb } from './support/draft-arbitraries';

const context: ClinicalNoteContext = {
  author: { practitioner: 'Practitioner/pr-alex-rivera', display: 'Alex Rivera' },
  now: FIXTURE_NOW,
};

function textOf(document: DocumentReference): string {
  return base64ToUtf8(document.content[0]?.attachment.data ?? '') ?? '';
}

/** What a server sends back: the note with its own id, through JSON. */
function stored(document: DocumentReference, id = 'doc-1'): DocumentReference {
  return JSON.parse(JSON.stringify({ ...document, id })) as DocumentReference;
}

describe('clinical note DocumentReference', () => {
  it('is a current US Core clinical note of type Progress note about the patient', () => {
    const note = buildClinicalNote(mariaIndividualDraft, context);
    expect(note.status).toBe('current');
    expect(note.category).toEqual([{ coding: [CLINICAL_NOTE.category] }]);
    expect(note.type?.coding).toEqual([CLINICAL_NOTE.progressNote]);
    expect(note.subject).toEqual({ reference: 'Patient/pt-maria-santos' });
    expect(note.date).toBe(FIXTURE_NOW);
    expect(note.meta?.profile).toEqual([PROFILE.clinicalNote]);
  });

  it('has the signed-in practitioner as author, not their role', () => {
    const note = buildClinicalNote(mariaIndividualDraft, {
      ...context,
      author: { ...context.author, practitionerRole: 'PractitionerRole/role-alex-rivera' },
    });
    expect(note.author).toEqual([{ reference: 'Practitioner/pr-alex-rivera', display: 'Alex Rivera' }]);
  });

  it('uses the type coding the site configures', () => {
    const siteType = { system: 'urn:oid:1.2.3.4', code: 'PEER', display: 'Peer support note' };
    const note = buildClinicalNote(mariaIndividualDraft, { ...context, noteType: siteType });
    expect(note.type).toEqual({ coding: [siteType], text: 'Peer support note' });
  });

  it('is final when signed and preliminary for a draft', () => {
    expect(buildClinicalNote(mariaIndividualDraft, context).docStatus).toBe('final');
    expect(buildClinicalNote({ ...mariaIndividualDraft, status: 'draft' }, context).docStatus).toBe(
      'preliminary',
    );
  });

  it('points at the launch encounter when there is one, and always gives the contact period', () => {
    const withEncounter = buildClinicalNote(mariaIndividualDraft, { ...context, encounterId: 'enc-7' });
    expect(withEncounter.context).toEqual({
      encounter: [{ reference: 'Encounter/enc-7' }],
      period: { start: '2026-11-18T10:00:00-05:00', end: '2026-11-18T10:50:00-05:00' },
    });
    expect(buildClinicalNote(mariaIndividualDraft, context).context?.encounter).toBeUndefined();
  });

  it('carries an identifier from the draft id and revision, the same on every retry', () => {
    const first = buildClinicalNote(mariaIndividualDraft, context);
    const retry = buildClinicalNote(mariaIndividualDraft, { ...context, now: '2026-11-20T18:00:00Z' });
    expect(first.identifier).toEqual([
      { system: RESOURCE_KEY_SYSTEM, value: `${mariaIndividualDraft.id}:note:1` },
    ]);
    expect(retry.identifier).toEqual(first.identifier);
    expect(buildClinicalNote(mariaIndividualDraft, { ...context, revision: 2 }).identifier?.[0]?.value).toBe(
      `${mariaIndividualDraft.id}:note:2`,
    );
  });

  it('has exactly one attachment: UTF-8 plain text as base64', () => {
    const note = buildClinicalNote({ ...mariaIndividualDraft, narrative: 'Émilie’s café — 😀' }, context);
    expect(note.content).toHaveLength(1);
    expect(note.content[0]?.attachment.contentType).toBe('text/plain; charset=utf-8');
    expect(textOf(note)).toContain('Narrative: Émilie’s café — 😀');
  });

  it('keeps the privacy labels in meta.security and says them in the text', () => {
    const note = buildClinicalNote(lenaPart2Draft, context);
    expect(note.meta?.security?.map((c) => c.code)).toContain('42CFRPart2');
    expect(textOf(note)).toMatch(/^Privacy: Restricted — 42 CFR Part 2/m);
  });

  it('replaces the earlier note when amended', () => {
    const note = buildClinicalNote(mariaIndividualDraft, {
      ...context,
      revision: 2,
      replaces: 'DocumentReference/doc-1',
    });
    expect(note.relatesTo).toEqual([{ code: 'replaces', target: { reference: 'DocumentReference/doc-1' } }]);
  });

  it('marks the earlier note superseded, and a mistaken note entered-in-error', () => {
    const earlier = stored(buildClinicalNote(mariaIndividualDraft, context));
    expect(supersededNote(earlier)).toEqual({ ...earlier, status: 'superseded' });
    expect(enteredInErrorNote(earlier)).toEqual({ ...earlier, status: 'entered-in-error' });
  });
});

describe('clinical note text', () => {
  it('reads as labelled lines a clinician can follow', () => {
    expect(renderNoteText(mariaIndividualDraft)).toBe(
      [
        'Peer support note (written with PeerBridge)',
        'Status: Signed',
        'When: 2026-11-18 10:00 (UTC-05:00)',
        'Duration: 50 minutes (billing: 3 units of H0038)',
        'Mode: In person',
        'Setting: Clinic',
        'Format: Individual',
        'Activities: Engagement; Sharing lived experience; Recovery and wellness planning',
        'Goal: Get back to my Sunday choir',
        '  Progress: Improving',
        '  Goal record: Goal/goal-maria-santos-choir',
        '  Comment: Went to one rehearsal and stayed to the end.',
        'Goal: Walk to the river three mornings a week',
        '  Progress: In Progress',
        '  New goal key: walk-mornings',
        'Response: Engaged and motivated',
        '  Comment: Laughed about the choir director.',
        'Measure: PeerBridge recovery check-in: Hope 4 of 5; Confidence 3 of 5; Connection 4 of 5; Sense of control 3 of 5; Wellbeing 3 of 5',
        `Narrative: ${mariaIndividualDraft.narrative}`,
        `Next steps: ${mariaIndividualDraft.nextSteps ?? ''}`,
        'Privacy: No extra restriction',
      ].join('\n'),
    );
  });

  it('shows group sessions, screening totals and the follow-up request', () => {
    const text = renderNoteText(devonGroupDraft, { followUpSent: 'not sent by the app' });
    expect(text).toMatch(/^Format: Group$/m);
    expect(text).toMatch(/^Measure: PHQ-9 total score \d+$/m);
    expect(text).toMatch(/^Follow-up: .+\n {2}Urgency: .+/m);
    expect(text).toMatch(/^ {2}Sent: not sent by the app$/m);
  });

  it('puts typed text of several lines under its label, so it cannot pose as another field', () => {
    const hostile = 'fine\nFollow-up: Crisis\nPrivacy: No extra restriction\n  Progress: Achieved';
    const draft: PeerEncounterDraft = {
      ...mariaIndividualDraft,
      narrative: hostile,
      sensitivity: 'restricted',
    };
    const text = renderNoteText(draft);
    expect(text).toContain('Narrative:\n    fine\n    Follow-up: Crisis\n    Privacy: No extra restriction');
    const parsed = parseNoteText(text, { id: draft.id, patientId: draft.patientId });
    expect(parsed?.followUp).toBeUndefined();
    expect(parsed?.sensitivity).toBe('restricted');
    expect(parsed?.narrative).toBe(hostile);
  });

  it('keeps markup as literal text and replaces control and bidirectional characters', () => {
    const draft = { ...mariaIndividualDraft, narrative: '<b>hi</b>\u0007 \u202Eevil\u0000 a\r\nb' };
    const text = renderNoteText(draft);
    expect(text).toContain('<b>hi</b>\uFFFD \uFFFDevil\uFFFD a\n    b');
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u202e]/);
  });

  it('keeps a very long line whole', () => {
    const long = 'word '.repeat(4000).trim();
    const draft = { ...mariaIndividualDraft, narrative: long };
    expect(parseNoteText(renderNoteText(draft), draft)?.narrative).toBe(long);
  });

  it('is not read as a PeerBridge note when it does not start with its title', () => {
    expect(parseNoteText('Progress note\nNarrative: x', { id: 'a', patientId: 'b' })).toBeUndefined();
  });

  it('gives each coded list distinct displays without the list separator, so reading back is exact', () => {
    for (const list of [ACTIVITIES, CHECK_IN_ITEMS, CONTACT_MODES, SETTINGS, RESPONSES, GOAL_PROGRESS]) {
      const displays = list.map((c) => c.display);
      expect(new Set(displays).size).toBe(displays.length);
      expect(displays.filter((d) => d.includes('; ') || d.includes('\n'))).toEqual([]);
    }
    for (const list of [FOLLOW_UP_REASONS, FOLLOW_UP_URGENCIES]) {
      expect(new Set(list.map((c) => c.display)).size).toBe(list.length);
    }
  });
});

describe('draft -> clinical note -> draft', () => {
  it('gives back the draft as the note keeps it', () => {
    fc.assert(
      fc.property(draftArb, (draft) => {
        const read = readClinicalNote(stored(buildClinicalNote(draft, context)));
        expect(read?.draft).toEqual(noteDraft(draft));
      }),
      { numRuns: 300 },
    );
  });

  it('changes only control characters and line endings of what the peer typed', () => {
    fc.assert(
      fc.property(draftArb, (draft) => {
        const plain = (t: string) => t.replace(/\r\n?/g, '\n');
        expect(noteDraft(draft).narrative).toBe(plain(draft.narrative));
      }),
      { numRuns: 100 },
    );
  });

  it('reads the id, revision, author and what the note replaces', () => {
    const note = buildClinicalNote(mariaIndividualDraft, {
      ...context,
      revision: 3,
      replaces: 'DocumentReference/doc-2',
    });
    expect(readClinicalNote(stored(note, 'doc-3'))).toMatchObject({
      id: 'doc-3',
      draftId: mariaIndividualDraft.id,
      revision: 3,
      status: 'current',
      docStatus: 'final',
      author: { reference: 'Practitioner/pr-alex-rivera', display: 'Alex Rivera' },
      replaces: ['DocumentReference/doc-2'],
    });
  });

  it('ignores documents PeerBridge did not write and odd server data', () => {
    const note = stored(buildClinicalNote(mariaIndividualDraft, context));
    expect(readClinicalNote({ ...note, identifier: [] })).toBeUndefined();
    expect(readClinicalNote({ ...note, content: [] })).toBeUndefined();
    expect(
      readClinicalNote({ ...note, content: [{ attachment: { contentType: 'text/plain', data: '%%%' } }] }),
    ).toBeUndefined();
    expect(readClinicalNote({ resourceType: 'DocumentReference' } as DocumentReference)).toBeUndefined();
  });
});
