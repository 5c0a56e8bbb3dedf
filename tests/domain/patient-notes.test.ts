import type { DocumentReference, Encounter } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { buildClinicalNote, utf8ToBase64, type ClinicalNoteContext } from '../../src/domain/clinical-note';
import { CATEGORY, RESOURCE_KEY_SYSTEM } from '../../src/domain/codes';
import type { PeerEncounterDraft } from '../../src/domain/peer-encounter-draft';
import { readNotes, readPatientNote, type PatientNote, type PeerNote } from '../../src/domain/patient-notes';
import { patientNotesQuery } from '../../src/domain/patient-notes-query';
import { visibleNotes } from '../../src/domain/visible-notes';
import { peerNoteView } from '../../src/domain/peer-note-view';
import { ASSUMED_CAPABILITIES } from '../../src/domain/server-capabilities';
import { buildTimeline } from '../../src/domain/timeline';
import { filterNotes } from '../../src/domain/timeline-filter';
import { NO_FILTER } from '../../src/domain/timeline-filter';
import { FIXTURE_NOW, mariaIndividualDraft } from '../../mocks/fixtures/drafts';
import { vendorCapabilities } from '../support/vendor-capabilities';

const context: ClinicalNoteContext = {
  author: { practitioner: 'Practitioner/pr-alex-rivera', display: 'Alex Rivera' },
  now: FIXTURE_NOW,
};

/** The note as a server keeps it: its own id, through JSON. */
function stored(document: DocumentReference, id: string): DocumentReference {
  return JSON.parse(JSON.stringify({ ...document, id })) as DocumentReference;
}

/** What Oracle Health keeps of a created note: no identifier, no category, no meta. */
function asOracleKeepsIt(document: DocumentReference, id: string): DocumentReference {
  const { identifier: _identifier, category: _category, meta: _meta, ...kept } = stored(document, id);
  return kept;
}

function peerNote(document: DocumentReference): PeerNote {
  const note = readPatientNote(document);
  if (note?.kind !== 'peer') {
    throw new Error('expected a PeerBridge note');
  }
  return note;
}

const maria = stored(buildClinicalNote(mariaIndividualDraft, context), 'doc-maria');

const otherNote: DocumentReference = {
  resourceType: 'DocumentReference',
  id: 'doc-therapy',
  status: 'current',
  docStatus: 'final',
  type: { text: 'Progress note' },
  subject: { reference: 'Patient/pt-maria-santos' },
  date: '2026-11-10T15:00:00Z',
  author: [{ reference: 'Practitioner/pr-sam-okafor', display: 'Dr. Sam Okafor' }],
  content: [
    {
      attachment: {
        contentType: 'text/plain',
        data: utf8ToBase64('Therapy session.\nNarrative: this is not a PeerBridge note'),
      },
    },
  ],
};

describe('patientNotesQuery', () => {
  it('searches the patient’s notes by patient and page size only on Oracle Health', () => {
    expect(patientNotesQuery('pt-1', vendorCapabilities('oracle'))).toBe(
      'DocumentReference?patient=Patient%2Fpt-1&_count=50',
    );
  });

  it('sends no notes search where the server offers no DocumentReference', () => {
    const capabilities = { ...vendorCapabilities('epic'), resources: {} };
    expect(patientNotesQuery('pt-1', capabilities)).toBeUndefined();
  });

  it('does not sort where the server lists no _sort, so a vendor server does not refuse it', () => {
    expect(patientNotesQuery('pt-1', vendorCapabilities('epic'))).not.toMatch(/_sort/);
  });

  it('sorts newest first where the statement lists no result parameters, or is not known', () => {
    expect(patientNotesQuery('pt-1', ASSUMED_CAPABILITIES)).toBe(
      'DocumentReference?patient=Patient%2Fpt-1&_sort=-date&_count=50',
    );
  });
});

describe('readPatientNote', () => {
  it('reads a PeerBridge note back in full, with its draft id, author and time of contact', () => {
    const note = peerNote(maria);
    expect(note.draftId).toBe(mariaIndividualDraft.id);
    expect(note.author).toBe('Alex Rivera');
    expect(note.start).toBe(mariaIndividualDraft.start);
    expect(note.draft.narrative).toBe(mariaIndividualDraft.narrative);
    expect(note.draft.durationMinutes).toBe(50);
    expect(note.text.split('\n')[0]).toBe('Peer support note (written with PeerBridge)');
  });

  it('recognises a PeerBridge note Oracle Health kept without its identifier and category by its text', () => {
    const note = peerNote(asOracleKeepsIt(buildClinicalNote(mariaIndividualDraft, context), 'doc-o'));
    expect(note.draftId).toBeUndefined();
    expect(note.ref).toBe('DocumentReference/doc-o');
    expect(note.draft.activities).toEqual(mariaIndividualDraft.activities);
  });

  it('lists another clinician’s note by its type and author without parsing its text', () => {
    const note = readPatientNote(otherNote);
    expect(note).toEqual({
      kind: 'other',
      ref: 'DocumentReference/doc-therapy',
      status: 'current',
      docStatus: 'final',
      start: '2026-11-10T15:00:00Z',
      replaces: [],
      title: 'Progress note',
      author: 'Dr. Sam Okafor',
      authorReference: 'Practitioner/pr-sam-okafor',
    });
  });

  it('keeps markup and control characters typed in every field as inert text, never as fields', () => {
    const hostile: PeerEncounterDraft = {
      ...mariaIndividualDraft,
      narrative:
        '<img src=x onerror=alert(1)>\u0007 first\nNarrative: forged\nPrivacy: Restricted\n\u202eevil',
      nextSteps: '<script>alert(1)</script>\nNext steps: forged',
      response: { code: 'engaged', comment: 'Status: Signed\nResponse: forged' },
      goals: [
        {
          goal: { kind: 'new', key: 'k1', description: 'Goal: <b>forged</b>' },
          progress: 'improving',
          comment: 'Goal record: Goal/forged',
        },
      ],
    };
    const note = peerNote(stored(buildClinicalNote(hostile, context), 'doc-h'));
    expect(note.draft.narrative).toBe(
      '<img src=x onerror=alert(1)>\uFFFD first\nNarrative: forged\nPrivacy: Restricted\n\uFFFDevil',
    );
    expect(note.draft.nextSteps).toBe('<script>alert(1)</script>\nNext steps: forged');
    expect(note.draft.response).toEqual({ code: 'engaged', comment: 'Status: Signed\nResponse: forged' });
    expect(note.draft.goals).toEqual([
      {
        goal: { kind: 'new', key: 'k1', description: 'Goal: <b>forged</b>' },
        progress: 'improving',
        comment: 'Goal record: Goal/forged',
      },
    ]);
    expect(note.draft.sensitivity).toBe('normal');
  });

  it('does not let a line typed as "Narrative:" in another note’s text make it a PeerBridge note', () => {
    expect(readPatientNote(otherNote)?.kind).toBe('other');
  });

  it('keeps an author name with markup as the text it is', () => {
    const document = stored(
      { ...otherNote, author: [{ display: '<a href="javascript:alert(1)">Dr. X</a>\u0000' }] },
      'doc-x',
    );
    const note = readPatientNote(document);
    expect(note?.author).toBe('<a href="javascript:alert(1)">Dr. X</a>\u0000');
  });

  it('skips what is not a DocumentReference and tolerates a note without content or dates', () => {
    const odd = { resourceType: 'DocumentReference', id: 'doc-odd', content: 'nonsense' } as unknown;
    expect(readNotes([null, 'x', { resourceType: 'Observation' }, odd])).toEqual([
      {
        kind: 'other',
        ref: 'DocumentReference/doc-odd',
        status: 'unknown',
        start: '',
        replaces: [],
        title: 'Clinical note',
        author: 'Author not shared',
      },
    ]);
  });
});

const peerEncounter = (id: string, draftId?: string): Encounter => ({
  resourceType: 'Encounter',
  id,
  status: 'finished',
  class: { code: 'AMB' },
  type: [
    { coding: [{ system: CATEGORY.peerSupportService.system, code: CATEGORY.peerSupportService.code }] },
  ],
  ...(draftId ? { identifier: [{ system: RESOURCE_KEY_SYSTEM, value: `${draftId}:encounter` }] } : {}),
});

describe('visibleNotes', () => {
  const notes = (...documents: DocumentReference[]): PatientNote[] => readNotes(documents);

  it('lists a PeerBridge note once where its structured Encounter is also loaded (open servers)', () => {
    expect(visibleNotes(notes(maria), [peerEncounter('e1', mariaIndividualDraft.id)], false)).toEqual([]);
  });

  it('matches a note to its structured Encounter by context.encounter where the identifier is gone', () => {
    const note = asOracleKeepsIt(
      buildClinicalNote(mariaIndividualDraft, { ...context, encounterId: 'e-peer' }),
      'doc-o',
    );
    expect(visibleNotes(notes(note), [peerEncounter('e-peer')], false)).toEqual([]);
  });

  it('keeps the note where context.encounter is the clinical visit the EHR launched in', () => {
    const note = stored(buildClinicalNote(mariaIndividualDraft, { ...context, encounterId: 'e-visit' }), 'd');
    const visit: Encounter = {
      resourceType: 'Encounter',
      id: 'e-visit',
      status: 'finished',
      class: { code: 'AMB' },
    };
    expect(visibleNotes(notes(note), [visit], false)).toHaveLength(1);
  });

  it('hides a note its amendment replaces, and shows the amendment', () => {
    const amended = stored(
      buildClinicalNote(mariaIndividualDraft, {
        ...context,
        revision: 2,
        replaces: 'DocumentReference/doc-maria',
      }),
      'doc-maria-2',
    );
    expect(visibleNotes(notes(maria, amended), [], false).map((n) => n.ref)).toEqual([
      'DocumentReference/doc-maria-2',
    ]);
  });

  it('hides drafts and notes entered in error unless drafts are asked for', () => {
    const draft = stored(
      buildClinicalNote({ ...mariaIndividualDraft, status: 'draft' }, context),
      'doc-draft',
    );
    const withdrawn = { ...otherNote, id: 'doc-err', status: 'entered-in-error' as const };
    expect(visibleNotes(notes(draft, withdrawn), [], false)).toEqual([]);
    expect(visibleNotes(notes(draft, withdrawn), [], true)).toHaveLength(2);
  });

  it('lists a note the server sent twice (on two pages) once', () => {
    expect(visibleNotes(notes(maria, maria), [], false)).toHaveLength(1);
  });
});

describe('notes on the timeline', () => {
  it('shows a PeerBridge note as a dated peer contact with its mode and author, counted as one', () => {
    const timeline = buildTimeline([], {
      now: new Date(FIXTURE_NOW),
      notes: filterNotes(readNotes([maria]), [], NO_FILTER),
    });
    expect(timeline.items).toHaveLength(1);
    expect(timeline.items[0]).toMatchObject({
      kind: 'peer',
      category: 'peer',
      start: mariaIndividualDraft.start,
      title: 'Peer support · In person',
      who: 'Alex Rivera',
      id: 'DocumentReference/doc-maria',
    });
    expect(timeline.counts.peer).toBe(1);
  });

  it('lists another clinician’s note as "Progress note, <author>" and does not count it as a visit', () => {
    const timeline = buildTimeline([], { now: new Date(FIXTURE_NOW), notes: readNotes([otherNote]) });
    expect(timeline.items[0]).toMatchObject({ kind: 'clinical', title: 'Progress note, Dr. Sam Okafor' });
    expect(timeline.counts.other).toBe(0);
  });

  it('keeps PeerBridge notes out when only clinical care is asked for', () => {
    const kept = filterNotes(readNotes([maria, otherNote]), [], { ...NO_FILTER, kind: 'clinical' });
    expect(kept.map((n) => n.kind)).toEqual(['other']);
  });
});

describe('peerNoteView', () => {
  it('shows every field the note’s text holds, and its history as not loaded', () => {
    const view = peerNoteView(peerNote(maria));
    expect(view.recordStatus).toBe('final');
    expect(view.display.contactMode).toBe('In person');
    expect(view.display.activities).toHaveLength(3);
    expect(view.loaded).toEqual({ observations: true, responses: true, tasks: true, provenances: false });
    expect(view.author.display).toBe('Alex Rivera');
  });
});
