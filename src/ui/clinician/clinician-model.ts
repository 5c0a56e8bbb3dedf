/**
 * The clinician's screen as state: the history loaded so far (pages from the server's `next` links),
 * the filters, the note opened, and the follow-up requests with their acknowledgements. Components
 * only render it. Derived views are computed signals, so a new page or filter rebuilds the timeline
 * once, not once per component.
 */
import { computed, signal } from '@preact/signals';
import type { Communication, Encounter, FhirResource, Observation, Task } from 'fhir/r4';
import { collectFollowUps } from '../../domain/follow-up-sources';
import { ALL_PARTS_LOADED, type LoadedParts } from '../../domain/note-parts';
import type { HistoryPage } from '../../domain/patient-history';
import { roleLabels } from '../../domain/patient-history';
import { readNotes, type PatientNote, type PeerNote } from '../../domain/patient-notes';
import { visibleNotes } from '../../domain/visible-notes';
import { resourcesToView, type PeerEncounterView } from '../../domain/peer-encounter-view';
import { peerNoteView } from '../../domain/peer-note-view';
import { EMPTY_NAMES, type NameDirectory } from '../../domain/person-names';
import { buildTimeline } from '../../domain/timeline';
import {
  filterEncounters,
  filterNotes,
  isVisibleToClinician,
  NO_FILTER,
  peerRolesIn,
  type TimelineFilter,
} from '../../domain/timeline-filter';
import { buildTrends, noteReadings } from '../../domain/outcome-trends';
import { normalizeErrorMessage } from '../../fhir/fhir-errors';
import type { NamesModel } from '../names-model';
import { createFollowUpAcknowledgements } from './follow-up-acknowledgements';

/** What the model needs from the FHIR layer; the workspace passes the real functions. */
export interface ClinicianDataSource {
  loadHistory(): Promise<HistoryPage>;
  /** The next pages of the encounter and note searches (either may have ended). */
  loadOlder(next: { readonly encounters?: string; readonly notes?: string }): Promise<HistoryPage>;
  acknowledge(task: Task): Promise<Task>;
}

export type LoadState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'loading' }
  | { readonly kind: 'failed'; readonly message: string };

export interface ClinicianModelOptions {
  readonly source: ClinicianDataSource;
  readonly followUps: readonly Task[];
  readonly grantedScope: string;
  readonly now: () => Date;
  /** The screen's names: each page's people are added, and those it names without a name read. */
  readonly names?: NamesModel;
}

export type ClinicianModel = ReturnType<typeof createClinicianModel>;

export function createClinicianModel({ source, followUps, grantedScope, now, names }: ClinicianModelOptions) {
  const encounters = signal<readonly Encounter[]>([]);
  const related = signal<readonly FhirResource[]>([]);
  /** Which parts each encounter's page fetched: a note whose parts were not loaded says so. */
  const loadedParts = signal<ReadonlyMap<string, LoadedParts>>(new Map());
  const nextUrl = signal<string | undefined>(undefined);
  /** The patient's clinical notes: where PeerBridge's work is on EHRs that keep only notes. */
  const notes = signal<readonly PatientNote[]>([]);
  const notesNextUrl = signal<string | undefined>(undefined);
  /** False once a page of notes could not be read: the timeline must say notes were not loaded. */
  const notesLoaded = signal(true);
  const load = signal<LoadState>({ kind: 'idle' });
  /** True once the first page is in: the timeline has something true to say. */
  const loaded = signal(false);
  const filter = signal<TimelineFilter>(NO_FILTER);
  const openedId = signal<string | undefined>(undefined);
  // The time the screen opened: "in the last 90 days" must not drift while it is open.
  const openedAt = now();

  const roles = computed(() => roleLabels(related.value));
  /** Rows render with wording at once; a name read later rebuilds the timeline once. */
  const directory = signal<NameDirectory>(names?.current() ?? EMPTY_NAMES);
  const timeline = computed(() =>
    buildTimeline(filterEncounters(encounters.value, filter.value, roles.value), {
      now: openedAt,
      notes: filterNotes(notes.value, encounters.value, filter.value),
      names: directory.value,
    }),
  );
  /** The counts sentence ignores the filters (it describes recent care) but keeps the draft rule. */
  const recent = computed(() =>
    buildTimeline(
      encounters.value.filter((e) => isVisibleToClinician(e, filter.value.showDrafts)),
      { now: openedAt, notes: visibleNotes(notes.value, encounters.value, filter.value.showDrafts) },
    ),
  );
  /** Whether the loaded pages reach back to the start of the counted period. */
  const periodCovered = computed(() => {
    if (nextUrl.value === undefined && notesNextUrl.value === undefined) {
      return true;
    }
    const items = recent.value.items.filter((i) => !Number.isNaN(i.time));
    const oldest = items[items.length - 1]?.time ?? Number.POSITIVE_INFINITY;
    return oldest <= openedAt.getTime() - recent.value.periodDays * 86_400_000;
  });
  const peerRoles = computed(() => peerRolesIn(encounters.value, roles.value, notes.value));
  const observations = computed(() =>
    related.value.filter((r): r is Observation => r.resourceType === 'Observation'),
  );
  /** PeerBridge notes as the timeline lists them: signed, not replaced, not shown by their Encounter. */
  const peerNotesShown = computed(() =>
    visibleNotes(notes.value, encounters.value, false).filter((n): n is PeerNote => n.kind === 'peer'),
  );
  const trends = computed(() =>
    buildTrends(observations.value, timeline.value.items, noteReadings(peerNotesShown.value)),
  );
  /** The PeerBridge note opened, where the timeline item is a note (its id `DocumentReference/<id>`). */
  const openedNote = computed((): PeerNote | undefined =>
    notes.value.find((n): n is PeerNote => n.kind === 'peer' && n.ref !== '' && n.ref === openedId.value),
  );
  const opened = computed((): PeerEncounterView | undefined => {
    const id = openedId.value;
    if (!id) {
      return undefined;
    }
    const note = openedNote.value;
    if (note) {
      return peerNoteView(note);
    }
    const encounter = encounters.value.find((e) => e.id === id);
    return encounter
      ? resourcesToView(
          [encounter, ...related.value],
          `Encounter/${id}`,
          loadedParts.value.get(id) ?? ALL_PARTS_LOADED,
        )[0]
      : undefined;
  });
  const followUpRequests = createFollowUpAcknowledgements({
    grantedScope,
    acknowledge: (task) => source.acknowledge(task),
  });
  /**
   * Every open request, however it reached the record (follow-up-sources.ts): the open Tasks the
   * screen opened with, and the Observations, messages and notes of the history as it loads.
   */
  const requests = computed(() => {
    const ofType = <T extends FhirResource>(type: T['resourceType']) =>
      related.value.filter((r): r is T => r.resourceType === type);
    return collectFollowUps({
      openTasks: followUps,
      historyTasks: ofType<Task>('Task'),
      observations: observations.value,
      communications: ofType<Communication>('Communication'),
      notes: peerNotesShown.value,
      measuresOf: (encounterRef) => {
        const encounter = encounters.value.find((e) => `Encounter/${e.id ?? ''}` === encounterRef);
        return encounter
          ? (resourcesToView([encounter, ...related.value], encounterRef)[0]?.draft.measures ?? [])
          : [];
      },
      names: directory.value,
      now: openedAt,
    });
  });

  function addPage(page: HistoryPage): void {
    const known = new Set(encounters.value.map((e) => e.id));
    encounters.value = [...encounters.value, ...page.encounters.filter((e) => !known.has(e.id))];
    related.value = [...related.value, ...page.related];
    const loaded = new Map(loadedParts.value);
    for (const encounter of page.encounters) {
      if (encounter.id && !loaded.has(encounter.id)) {
        loaded.set(encounter.id, page.loaded);
      }
    }
    loadedParts.value = loaded;
    nextUrl.value = page.nextUrl;
    // In the background: the rows are shown before any name read answers.
    void names?.add([...page.encounters, ...page.related, ...(page.notes?.documents ?? [])]);
    if (page.notes) {
      const known = new Set(notes.value.map((n) => n.ref));
      notes.value = [
        ...notes.value,
        ...readNotes(page.notes.documents).filter((n) => !n.ref || !known.has(n.ref)),
      ];
      notesNextUrl.value = page.notes.nextUrl;
      notesLoaded.value = notesLoaded.value && page.notes.loaded;
    }
  }

  async function run(work: () => Promise<HistoryPage>): Promise<void> {
    load.value = { kind: 'loading' };
    try {
      addPage(await work());
      loaded.value = true;
      load.value = { kind: 'idle' };
    } catch (error) {
      load.value = { kind: 'failed', message: normalizeErrorMessage(error) };
    }
  }

  return {
    encounters,
    related,
    nextUrl,
    notes,
    notesNextUrl,
    notesLoaded,
    openedNote,
    load,
    loaded,
    filter,
    openedId,
    roles,
    names: directory,
    timeline,
    recent,
    periodCovered,
    peerRoles,
    trends,
    opened,
    requests,
    acknowledgements: followUpRequests.acknowledgements,
    canAcknowledge: followUpRequests.canAcknowledge,
    acknowledge: followUpRequests.acknowledge,

    loadFirst(): Promise<void> {
      return run(() => source.loadHistory());
    },

    /** Loads the next older page, unless one is loading or there is none. */
    loadOlder(): Promise<void> {
      const encountersUrl = nextUrl.value;
      const notesUrl = notesNextUrl.value;
      if ((!encountersUrl && !notesUrl) || load.value.kind === 'loading') {
        return Promise.resolve();
      }
      return run(() =>
        source.loadOlder({
          ...(encountersUrl ? { encounters: encountersUrl } : {}),
          ...(notesUrl ? { notes: notesUrl } : {}),
        }),
      );
    },

    /** The screen's names changed (names-model.ts subscribers call this). */
    setNames(next: NameDirectory): void {
      directory.value = next;
    },

    setFilter(change: Partial<TimelineFilter>): void {
      filter.value = { ...filter.value, ...change };
    },

    /** Opens a note from the timeline: an Encounter's id, or a note's `DocumentReference/<id>`. */
    open(itemId: string | undefined): void {
      openedId.value = itemId;
    },
  };
}
