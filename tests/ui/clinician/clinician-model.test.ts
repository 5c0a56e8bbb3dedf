import type { DocumentReference, Encounter, FhirResource, Task } from 'fhir/r4';
import { describe, expect, it, vi } from 'vitest';
import { FIXTURE_NOW, mariaIndividualDraft } from '../../../mocks/fixtures/drafts';
import { buildLargeHistory } from '../../../mocks/fixtures/large-history';
import { buildSeed } from '../../../mocks/fixtures/seed';
import { TYLER_SAFETY_NOTE_ID } from '../../../mocks/fixtures/seed/instrument-history';
import { buildClinicalNote } from '../../../src/domain/clinical-note';
import { ALL_PARTS_LOADED } from '../../../src/domain/note-parts';
import type { HistoryPage } from '../../../src/domain/patient-history';
import { FhirHttpError, VersionConflictError } from '../../../src/fhir/fhir-errors';
import { createClinicianModel, type ClinicianDataSource } from '../../../src/ui/clinician/clinician-model';

const NOW = new Date('2026-11-20T12:00:00Z');
const record = buildLargeHistory(NOW);
const byNewest = record
  .filter((r): r is Encounter => r.resourceType === 'Encounter')
  .sort((a, b) => Date.parse(b.period?.start ?? '') - Date.parse(a.period?.start ?? ''));
const openTasks = record.filter((r): r is Task => r.resourceType === 'Task' && r.status === 'requested');

function encounterRefOf(resource: FhirResource): string | undefined {
  if (resource.resourceType === 'Observation') {
    return resource.encounter?.reference;
  }
  if (resource.resourceType === 'Task') {
    return resource.focus?.reference;
  }
  return resource.resourceType === 'Provenance' ? resource.target[0]?.reference : undefined;
}
const relatedByEncounter = new Map<string, FhirResource[]>();
for (const resource of record) {
  const ref = encounterRefOf(resource);
  if (ref) {
    relatedByEncounter.set(ref, [...(relatedByEncounter.get(ref) ?? []), resource]);
  }
}

/** Pages of 50 like the sandbox: each with the Observations, Tasks and Provenances of its encounters. */
function page(index: number): HistoryPage {
  const encounters = byNewest.slice(index * 50, index * 50 + 50);
  const related = encounters.flatMap((e) => relatedByEncounter.get(`Encounter/${e.id ?? ''}`) ?? []);
  return {
    encounters,
    related,
    loaded: ALL_PARTS_LOADED,
    ...(index * 50 + 50 < byNewest.length ? { nextUrl: `next-${index + 1}` } : {}),
  };
}

function source(overrides: Partial<ClinicianDataSource> = {}): ClinicianDataSource {
  return {
    loadHistory: () => Promise.resolve(page(0)),
    loadOlder: (next) => Promise.resolve(page(Number((next.encounters ?? '').split('-')[1]))),
    acknowledge: (task) => Promise.resolve({ ...task, status: 'accepted' }),
    ...overrides,
  };
}

function model(overrides: Partial<ClinicianDataSource> = {}, grantedScope = 'patient/Task.cru') {
  return createClinicianModel({
    source: source(overrides),
    followUps: openTasks,
    grantedScope,
    now: () => NOW,
  });
}

describe('the clinician model', () => {
  it('shows the newest page as a timeline without the peer’s draft in progress', async () => {
    const m = model();
    await m.loadFirst();
    const items = m.timeline.value.items;
    expect(items.length).toBe(49);
    expect(items.every((i) => i.kind === 'clinical' || i.encounter?.status === 'finished')).toBe(true);
    expect(m.recent.value.summary).toMatch(/^\d+ peer contacts, .*1 ED visit in the last 90 days$/);
    expect(m.nextUrl.value).toBe('next-1');
  });

  it('pages in older history through the next links until there is none', async () => {
    const m = model();
    await m.loadFirst();
    while (m.nextUrl.value) {
      await m.loadOlder();
    }
    expect(m.encounters.value).toHaveLength(byNewest.length);
    expect(m.timeline.value.months.length).toBeGreaterThan(110);
  });

  it('asks for one page at a time however often the end comes into view', async () => {
    const loadOlder = vi.fn((next: { readonly encounters?: string }) =>
      Promise.resolve(page(Number((next.encounters ?? '').split('-')[1]))),
    );
    const m = model({ loadOlder });
    await m.loadFirst();
    await Promise.all([m.loadOlder(), m.loadOlder(), m.loadOlder()]);
    expect(loadOlder).toHaveBeenCalledTimes(1);
  });

  it('opens a peer note with everything written', async () => {
    const m = model();
    await m.loadFirst();
    const peer = m.timeline.value.items.find((i) => i.kind === 'peer');
    m.open(peer?.id);
    expect(m.opened.value?.draft.narrative).toMatch(/^Week \d+: met Casey/);
    expect(m.opened.value?.draft.measures).toHaveLength(3);
    expect(m.opened.value?.provenance[0]?.author).toBe('Alex Rivera');
  });

  it('lists the open follow-up and acknowledges it', async () => {
    const acknowledge = vi.fn((task: Task) => Promise.resolve({ ...task, status: 'accepted' as const }));
    const m = model({ acknowledge });
    const [request] = m.requests.value;
    expect(request?.note).toMatch(/side effects/);
    if (request) {
      await m.acknowledge(request);
      expect(m.acknowledgements.value.get(request.id)).toEqual({ kind: 'done' });
    }
    expect(acknowledge).toHaveBeenCalledTimes(1);
  });

  it('reports a follow-up changed by someone else instead of overwriting it', async () => {
    const m = model({ acknowledge: () => Promise.reject(new VersionConflictError(412, undefined)) });
    const [request] = m.requests.value;
    if (request) {
      await m.acknowledge(request);
      expect(m.acknowledgements.value.get(request.id)?.kind).toBe('conflict');
    }
  });

  it('offers no acknowledgement without a scope to update tasks', () => {
    expect(model({}, 'patient/Task.rs').canAcknowledge).toBe(false);
  });

  it('says what failed when the history cannot be read', async () => {
    const m = model({ loadHistory: () => Promise.reject(new FhirHttpError(403, undefined)) });
    await m.loadFirst();
    expect(m.load.value).toEqual({
      kind: 'failed',
      message: expect.stringMatching(/did not allow/) as string,
    });
  });
});

describe('the clinician model with clinical notes', () => {
  const note = {
    ...buildClinicalNote(mariaIndividualDraft, {
      author: { practitioner: 'Practitioner/pr-alex-rivera', display: 'Alex Rivera' },
      now: FIXTURE_NOW,
    }),
    id: 'doc-maria',
  };
  const notesPage = (nextUrl?: string): HistoryPage => ({
    encounters: [],
    related: [],
    loaded: ALL_PARTS_LOADED,
    notes: { documents: [note], loaded: true, ...(nextUrl ? { nextUrl } : {}) },
  });

  it('opens a PeerBridge note found only as a note, with its whole text', async () => {
    const m = model({ loadHistory: () => Promise.resolve(notesPage()) });
    await m.loadFirst();
    expect(m.timeline.value.items.map((i) => i.id)).toEqual(['DocumentReference/doc-maria']);
    m.open('DocumentReference/doc-maria');
    expect(m.opened.value?.draft.narrative).toBe(mariaIndividualDraft.narrative);
    expect(m.openedNote.value?.text).toMatch(/^Peer support note/);
  });

  it('follows the notes’ next link and lists a note sent on two pages once', async () => {
    const loadOlder = vi.fn(() => Promise.resolve(notesPage()));
    const m = model({ loadHistory: () => Promise.resolve(notesPage('notes-2')), loadOlder });
    await m.loadFirst();
    await m.loadOlder();
    expect(loadOlder).toHaveBeenCalledWith({ notes: 'notes-2' });
    expect(m.timeline.value.items).toHaveLength(1);
    expect(m.notesNextUrl.value).toBeUndefined();
  });

  it('remembers that a page of notes was not loaded', async () => {
    const m = model({
      loadHistory: () => Promise.resolve({ ...notesPage(), notes: { documents: [], loaded: false } }),
    });
    await m.loadFirst();
    expect(m.notesLoaded.value).toBe(false);
  });

  it('lists an urgent safety concern kept only in a note first, once the note is loaded', async () => {
    const seed = buildSeed(NOW);
    const safetyNote = seed.find(
      (r): r is DocumentReference => r.resourceType === 'DocumentReference' && r.id === TYLER_SAFETY_NOTE_ID,
    );
    const m = model({
      loadHistory: () =>
        Promise.resolve({ ...page(0), notes: { documents: safetyNote ? [safetyNote] : [], loaded: true } }),
    });
    expect(m.requests.value.map((r) => r.source)).toEqual(['task']);
    await m.loadFirst();
    expect(m.requests.value.map((r) => `${r.source} ${r.reason} ${r.urgency}`)[0]).toBe(
      'note Safety concern Urgent',
    );
  });
});
