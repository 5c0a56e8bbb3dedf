import type { Communication, DocumentReference, Observation, Task } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { FIXTURE_NOW, mariaIndividualDraft } from '../../mocks/fixtures/drafts';
import { answersWithPoints } from '../../mocks/fixtures/instrument-answers';
import { buildClinicalNote } from '../../src/domain/clinical-note';
import { followUpReasonCoding } from '../../src/domain/draft-codings';
import { buildFollowUpCommunication } from '../../src/domain/follow-up-communication';
import { isUrgentSafetyConcern } from '../../src/domain/follow-up-order';
import {
  collectFollowUps,
  REQUESTS_WITHOUT_STATUS_DAYS,
  type FollowUpSources,
} from '../../src/domain/follow-up-sources';
import { safetyReasonsOf } from '../../src/domain/follow-up-readers';
import { readNotes, type PeerNote } from '../../src/domain/patient-notes';
import type { DraftMeasure, PeerEncounterDraft } from '../../src/domain/peer-encounter-draft';
import { storedNote } from './support/stored-note';

const NOW = new Date(FIXTURE_NOW);
const ITEM_9 = 'PHQ-9 item 9: thoughts of being better off dead or of self-harm (“Several days”)';
const phq9: DraftMeasure = {
  kind: 'instrument',
  instrument: 'phq-9',
  answers: answersWithPoints('phq-9', [2, 2, 1, 2, 1, 1, 1, 0, 1]),
};

/** Maria's contact with a positive PHQ-9 item 9 and the urgent safety follow-up it brought. */
const safetyDraft: PeerEncounterDraft = {
  ...mariaIndividualDraft,
  measures: [phq9],
  followUp: {
    reason: 'safety-concern',
    urgency: 'urgent',
    recipient: { reference: 'Practitioner/pr-sam-okafor', display: 'Dr. Sam Okafor' },
    note: 'Maria said she has had these thoughts on a few days; she has a safety plan.',
  },
};
const routineDraft: PeerEncounterDraft = {
  ...mariaIndividualDraft,
  id: '0d4c1b7e-3a5f-4e2d-9c8b-7a6f5e4d3c2b',
  start: '2026-11-19T14:00:00-05:00',
  followUp: { reason: 'medication-question', urgency: 'routine' },
};

const stored = storedNote(safetyDraft, 100);
const task = stored.find((r): r is Task => r.resourceType === 'Task');
const observations = stored.filter((r): r is Observation => r.resourceType === 'Observation');
const routineTask = storedNote(routineDraft, 200).find((r): r is Task => r.resourceType === 'Task');

function noteOf(draft: PeerEncounterDraft, id: string): PeerNote {
  const document: DocumentReference = {
    ...buildClinicalNote(draft, {
      author: { practitioner: 'Practitioner/pr-alex-rivera', display: 'Alex Rivera' },
      now: FIXTURE_NOW,
    }),
    id,
  };
  const [note] = readNotes([document]);
  if (note?.kind !== 'peer') {
    throw new Error('the note was not read back as a PeerBridge note');
  }
  return note;
}

function sources(overrides: Partial<FollowUpSources>): FollowUpSources {
  return {
    openTasks: [],
    historyTasks: [],
    observations: [],
    communications: [],
    notes: [],
    measuresOf: () => safetyDraft.measures,
    now: NOW,
    ...overrides,
  };
}

describe('safetyReasonsOf', () => {
  it('names a positive PHQ-9 item 9 in the instrument’s words, with the answer given', () => {
    expect(safetyReasonsOf([phq9])).toEqual([ITEM_9]);
  });

  it('names nothing when item 9 is answered "Not at all", or for other measures', () => {
    const negative: DraftMeasure = {
      kind: 'instrument',
      instrument: 'phq-9',
      answers: answersWithPoints('phq-9', [3, 3, 3, 3, 3, 3, 3, 3, 0]),
    };
    expect(safetyReasonsOf([negative, { kind: 'score', code: '44261-6', value: 9 }])).toEqual([]);
  });
});

describe('collectFollowUps', () => {
  it('reads a Task, with the safety answer of the note it came with', () => {
    const [request] = collectFollowUps(sources({ openTasks: task ? [task] : [] }));
    expect(request).toMatchObject({
      source: 'task',
      reasonCode: 'safety-concern',
      reason: 'Safety concern',
      urgency: 'Urgent',
      requester: 'Alex Rivera',
      safety: [ITEM_9],
    });
    expect(request && isUrgentSafetyConcern(request)).toBe(true);
  });

  it('says the safety reason once: the line the form wrote into the note is left out beside the answers', () => {
    const peerWords = 'Maria has a safety plan.';
    const written: Task | undefined = task && { ...task, note: [{ text: `${ITEM_9}\n${peerWords}` }] };
    const [request] = collectFollowUps(sources({ openTasks: written ? [written] : [] }));
    expect(request?.safety).toEqual([ITEM_9]);
    expect(request?.note).toBe(peerWords);
  });

  it('lists a request once where the Task, the follow-up Observation and the note all carry it', () => {
    const note = { ...noteOf(safetyDraft, 'n1'), encounters: [task?.focus?.reference ?? ''] };
    const requests = collectFollowUps(
      sources({
        openTasks: task ? [task] : [],
        historyTasks: task ? [task] : [],
        observations,
        notes: [note],
      }),
    );
    expect(requests.map((r) => r.source)).toEqual(['task']);
  });

  it('leaves out the Observation of a request whose Task was already acknowledged', () => {
    const accepted = task ? [{ ...task, status: 'accepted' as const }] : [];
    expect(collectFollowUps(sources({ historyTasks: accepted, observations }))).toEqual([]);
  });

  it('reads a follow-up Observation where no Task was written', () => {
    const [request] = collectFollowUps(sources({ observations }));
    expect(request).toMatchObject({
      source: 'observation',
      reasonCode: 'safety-concern',
      priority: 'urgent',
      safety: [ITEM_9],
    });
    expect(request?.task).toBeUndefined();
  });

  it('reads the follow-up written only in the clinical note (Epic, Oracle)', () => {
    const [request] = collectFollowUps(sources({ notes: [noteOf(safetyDraft, 'n1')] }));
    expect(request).toMatchObject({
      source: 'note',
      noteRef: 'DocumentReference/n1',
      reason: 'Safety concern',
      priority: 'urgent',
      requester: 'Alex Rivera',
      note: safetyDraft.followUp?.note,
    });
    expect(request && isUrgentSafetyConcern(request)).toBe(true);
  });

  it('reads a follow-up message, and covers the note it points at', () => {
    const message = buildFollowUpCommunication(safetyDraft, {
      author: { practitioner: 'Practitioner/pr-alex-rivera', display: 'Alex Rivera' },
      now: FIXTURE_NOW,
      note: 'DocumentReference/n1',
    });
    const sent: Communication[] = message
      ? [
          {
            ...message,
            id: 'c1',
            reasonCode: [{ coding: [followUpReasonCoding('safety-concern')] }],
          },
        ]
      : [];
    const requests = collectFollowUps(sources({ communications: sent, notes: [noteOf(safetyDraft, 'n1')] }));
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      source: 'communication',
      priority: 'urgent',
      requester: 'Alex Rivera',
    });
    expect(requests[0]?.note).toMatch(/^Follow-up requested by peer support: Safety concern \(Urgent\)/);
    expect(requests[0] && isUrgentSafetyConcern(requests[0])).toBe(true);
  });

  it('puts the urgent safety concern before a routine request asked later', () => {
    const requests = collectFollowUps(
      sources({
        openTasks: routineTask ? [routineTask] : [],
        notes: [noteOf(safetyDraft, 'n1')],
      }),
    );
    expect(requests.map((r) => `${r.source} ${r.priority}`)).toEqual(['note urgent', 'task routine']);
  });

  it(`lists a request without a status only for ${REQUESTS_WITHOUT_STATUS_DAYS} days, a Task until it is acknowledged`, () => {
    const later = new Date(NOW.getTime() + (REQUESTS_WITHOUT_STATUS_DAYS + 2) * 86_400_000);
    const requests = collectFollowUps(
      sources({
        now: later,
        openTasks: routineTask ? [routineTask] : [],
        notes: [noteOf(safetyDraft, 'n1')],
        observations,
      }),
    );
    expect(requests.map((r) => r.source)).toEqual(['task']);
  });
});

describe('a follow-up sent as a message', () => {
  const message = (urgency: string) =>
    buildFollowUpCommunication(
      {
        ...mariaIndividualDraft,
        followUp: {
          reason: 'safety-concern',
          urgency,
          recipient: { reference: 'Practitioner/pr-sam-okafor', display: 'Dr. Sam Okafor' },
        },
      },
      { author: { practitioner: 'Practitioner/pr-alex-rivera', display: 'Alex Rivera' }, now: FIXTURE_NOW },
    );

  it('goes as urgent when the peer asked for ASAP, since inboxes such as Oracle Health take only routine or urgent', () => {
    expect(message('asap')?.priority).toBe('urgent');
    expect(message('asap')?.payload?.[0]?.contentString).toContain('(ASAP)');
    expect(message('urgent')?.priority).toBe('urgent');
    expect(message('routine')?.priority).toBe('routine');
  });

  it('names the reason and the urgency in its subject line', () => {
    expect(message('urgent')?.topic?.text).toBe('Peer support follow-up: Safety concern (Urgent)');
  });
});
