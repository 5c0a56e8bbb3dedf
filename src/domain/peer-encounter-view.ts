/**
 * Rebuilds readable peer encounters from whatever a server returns: our own transaction, its
 * response, a searchset, or loose resources mixed with other systems' data. Observations, Tasks and
 * Provenances are matched to their Encounter whether they refer to it by urn:uuid, `Encounter/<id>`
 * or an absolute URL. Total: odd data gives empty fields, never an exception.
 */
import type { Bundle, Encounter, FhirResource } from 'fhir/r4';
import { EXTENSION, sessionFormatOf, UCUM_MINUTE } from './codes';
import { minutesBetween } from './date-time';
import { nextContactOf } from './next-contact';
import { ALL_PARTS_LOADED, type LoadedParts } from './note-parts';
import { contactModeCoding, settingCoding } from './draft-codings';
import { conceptText, extensionCoding, integerOf, referenceOf, referenceString } from './fhir-read';
import { arrayOf, isRecord, isResource, textOf } from './guards';
import type { DraftGroupSession, PeerEncounterDraft } from './peer-encounter-draft';
import type { PeerEncounterView, RecordStatus, ResourceVersion } from './peer-encounter-view-model';
import { readProvenance, sortHistory } from './provenance-history';
import { referenceKey } from './references';
import { draftIdOfEncounterKey, groupSessionIdOfKey, keyOfResource, resourceKeyOf } from './resource-keys';
import { sensitivityOfLabels } from './security-labels';
import { buildIndex, refsOf, type Index, type Item } from './view-index';
import { addObservation, emptyParts } from './view-observations';
import { withInstruments } from './view-questionnaire-responses';
import { readFollowUpTask } from './view-task';

export type { ProvenanceEntry } from './provenance-history';

export type {
  PeerEncounterDisplay,
  PeerEncounterView,
  RecordStatus,
  ResourceVersion,
} from './peer-encounter-view-model';

function statusOf(status: unknown, amended: boolean): RecordStatus {
  switch (status) {
    case 'finished':
      return amended ? 'amended' : 'final';
    case 'entered-in-error':
      return 'entered-in-error';
    case 'planned':
    case 'arrived':
    case 'triaged':
    case 'in-progress':
    case 'onleave':
      return 'draft';
    default:
      return 'unknown';
  }
}

function durationOf(encounter: Encounter): number {
  const length = encounter.length;
  const unit = length?.code ?? length?.unit;
  const value = integerOf(length?.value);
  if (value !== undefined && (unit === undefined || unit === UCUM_MINUTE.code)) {
    return value;
  }
  return minutesBetween(encounter.period?.start, encounter.period?.end) ?? 0;
}

function groupSessionOf(encounter: Encounter, index: Index): DraftGroupSession | undefined {
  const partOf: unknown = encounter.partOf;
  if (!isRecord(partOf)) {
    return undefined;
  }
  const session = index.byRef.get(referenceKey(referenceString(partOf)) ?? '');
  const id =
    groupSessionIdOfKey(resourceKeyOf([partOf.identifier])) ??
    groupSessionIdOfKey(session ? keyOfResource(session) : undefined);
  const title = textOf(partOf.display);
  if (!id) {
    return undefined;
  }
  return title ? { id, title } : { id };
}

function belongingResources(encounter: Encounter, draftId: string, refs: readonly string[], index: Index) {
  const observations = refs.flatMap((r) => index.observations.get(r) ?? []);
  const responses = refs.flatMap((r) => index.responses.get(r) ?? []);
  const tasks = refs.flatMap((r) => index.tasks.get(r) ?? []);
  const provenances = [...new Set(refs.flatMap((r) => index.provenances.get(r) ?? []))];
  const extra = new Set<FhirResource>();
  const session = index.byRef.get(referenceKey(referenceString(encounter.partOf)) ?? '');
  if (session) {
    extra.add(session);
  }
  for (const obs of observations) {
    const goal = index.byRef.get(referenceKey(referenceString(arrayOf(obs.focus)[0])) ?? '');
    if (goal?.resourceType === 'Goal' && keyOfResource(goal)?.startsWith(`${draftId}:`)) {
      extra.add(goal);
    }
  }
  return { observations, responses, tasks, provenances, extra: [...extra] };
}

function versionsOf(resources: readonly FhirResource[]): ResourceVersion[] {
  const versions: ResourceVersion[] = [];
  for (const resource of resources) {
    const id = textOf(resource.id);
    const key = keyOfResource(resource);
    if (id && key) {
      const versionId = textOf(resource.meta?.versionId);
      versions.push({
        resourceType: resource.resourceType,
        id,
        key,
        resource,
        ...(versionId ? { versionId } : {}),
      });
    }
  }
  return versions;
}

function viewOf(item: Item, encounter: Encounter, index: Index, loaded: LoadedParts): PeerEncounterView {
  const refs = refsOf(item);
  const draftId = draftIdOfEncounterKey(resourceKeyOf(encounter.identifier)) ?? textOf(encounter.id) ?? '';
  const { observations, responses, tasks, provenances, extra } = belongingResources(
    encounter,
    draftId,
    refs,
    index,
  );
  const parts = emptyParts();
  for (const obs of observations) {
    addObservation(parts, obs, draftId, index.byRef);
  }
  const task = tasks.find((t) => (t.status as unknown) !== 'entered-in-error');
  const taskParts = task ? readFollowUpTask(task) : undefined;
  const recipient = taskParts?.recipient;
  const followUp = parts.followUp
    ? { ...parts.followUp, ...(recipient ? { recipient } : {}) }
    : taskParts?.followUp;
  const history = sortHistory(provenances.map(readProvenance));
  const revisions = history.map((h) => h.revision ?? 0);
  // A draft saved, then signed, also leaves an UPDATE Provenance: only amended Observations
  // (written when a signed note is changed) make the note amended.
  const amended = parts.amended;
  const contactMode = extensionCoding(encounter.extension, EXTENSION.contactMode);
  const setting = extensionCoding(encounter.extension, EXTENSION.setting);
  const groupSession = groupSessionOf(encounter, index);
  const format =
    sessionFormatOf(extensionCoding(encounter.extension, EXTENSION.sessionFormat)?.code) ??
    (groupSession ? 'group' : 'individual');
  const settingCode = textOf(setting?.code);
  const nextContact = nextContactOf(encounter);
  const draft: PeerEncounterDraft = {
    id: draftId,
    patientId: referenceKey(referenceString(encounter.subject))?.split('/')[1] ?? '',
    start: textOf(encounter.period?.start) ?? '',
    durationMinutes: durationOf(encounter),
    contactMode: textOf(contactMode?.code) ?? '',
    ...(settingCode ? { setting: settingCode } : {}),
    format,
    ...(format === 'group' && groupSession ? { groupSession } : {}),
    activities: parts.activities,
    goals: parts.goals,
    ...(parts.response ? { response: parts.response } : {}),
    narrative: parts.narrative ?? '',
    ...(parts.nextSteps ? { nextSteps: parts.nextSteps } : {}),
    ...(nextContact ? { nextContact } : {}),
    measures: withInstruments(parts.measures, responses),
    ...(followUp ? { followUp } : {}),
    sensitivity: sensitivityOfLabels(encounter.meta?.security),
    status: (encounter.status as unknown) === 'finished' ? 'final' : 'draft',
  };
  const author = referenceOf(arrayOf(encounter.participant)[0]?.individual);
  const resources: FhirResource[] = [
    encounter,
    ...responses,
    ...observations,
    ...tasks,
    ...provenances,
    ...extra,
  ];
  const encounterId = textOf(encounter.id);
  const lastUpdated = textOf(encounter.meta?.lastUpdated);
  const versionId = textOf(encounter.meta?.versionId);
  return {
    draft,
    encounterRef: refs[0] ?? '',
    ...(encounterId ? { encounterId } : {}),
    recordStatus: statusOf(encounter.status, amended),
    author: { ...(author?.reference ? { reference: author.reference } : {}), display: author?.display ?? '' },
    ...(lastUpdated ? { lastUpdated } : {}),
    ...(versionId ? { versionId } : {}),
    labels: arrayOf(encounter.meta?.security).filter((c) => isRecord(c)),
    display: {
      contactMode: contactModeCoding(draft.contactMode).display ?? conceptText({ coding: [contactMode] }),
      setting: settingCode ? (settingCoding(settingCode).display ?? conceptText({ coding: [setting] })) : '',
      activities: parts.activityLabels,
      goalProgress: parts.goalLabels,
      response: parts.responseLabel,
      followUpReason: parts.followUpLabels.reason,
      followUpUrgency: parts.followUpLabels.urgency,
    },
    provenance: history,
    versions: versionsOf(resources),
    nextRevision: Math.max(1, ...revisions) + 1,
    resources,
    loaded,
  };
}

function viewsOf(
  items: readonly Item[],
  encounterRef: string | undefined,
  loaded: LoadedParts,
): PeerEncounterView[] {
  const index = buildIndex(items);
  const wanted = encounterRef === undefined ? undefined : referenceKey(encounterRef);
  const views: PeerEncounterView[] = [];
  for (const item of index.peer) {
    if (wanted !== undefined && !refsOf(item).includes(wanted)) {
      continue;
    }
    if (item.resource.resourceType === 'Encounter') {
      views.push(viewOf(item, item.resource, index, loaded));
    }
  }
  return views;
}

/**
 * One view per peer support Encounter among `resources` (or only the one `encounterRef` names);
 * `loaded` says which parts were fetched with them (all, unless the reader says otherwise).
 */
export function resourcesToView(
  resources: readonly FhirResource[],
  encounterRef?: string,
  loaded: LoadedParts = ALL_PARTS_LOADED,
): PeerEncounterView[] {
  const items: Item[] = [];
  for (const resource of arrayOf<unknown>(resources)) {
    if (isResource(resource)) {
      items.push({ resource });
    }
  }
  return viewsOf(items, encounterRef, loaded);
}

/** Every peer encounter in a transaction, transaction-response, batch-response or searchset Bundle. */
export function bundleToViews(bundle: Bundle, encounterRef?: string): PeerEncounterView[] {
  const items: Item[] = [];
  for (const entry of arrayOf(bundle.entry)) {
    const resource: unknown = isRecord(entry) ? entry.resource : undefined;
    if (isResource(resource)) {
      const fullUrl = textOf(entry.fullUrl) ?? textOf(entry.response?.location);
      items.push({ resource, ...(fullUrl ? { fullUrl } : {}) });
    }
  }
  return viewsOf(items, encounterRef, ALL_PARTS_LOADED);
}

/** The peer encounter a save's Bundle (or the server's response to it) describes. */
export function transactionToView(bundle: Bundle): PeerEncounterView | undefined {
  return bundleToViews(bundle)[0];
}

/** The draft to reopen or amend a saved peer encounter. */
export function viewToDraft(view: PeerEncounterView): PeerEncounterDraft {
  return view.draft;
}
