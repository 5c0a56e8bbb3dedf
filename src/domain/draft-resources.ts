/**
 * The resources one draft is written as, in contract order, with references between them resolved by
 * the caller: urn:uuids for a first save, `Type/id` of what the server holds for an amendment.
 */
import type { Encounter, Goal, Observation, QuestionnaireResponse, Reference, Task } from 'fhir/r4';
import { instrumentById, type InstrumentId } from './codes-instruments';
import { buildGroupSessionEncounter, buildPeerEncounter } from './encounter-resources';
import type { MappingContext } from './mapping-context';
import { buildObservations } from './observation-resources';
import { buildQuestionnaireResponse } from './questionnaire-response-resources';
import { buildFollowUpTask, buildNewGoal } from './request-resources';
import { keyIdentifier, resourceKey } from './resource-keys';
import { referenceToId } from './references';

export type DraftResource = Encounter | Goal | QuestionnaireResponse | Observation | Task;

export interface PlannedResource {
  readonly key: string;
  /** How other resources of the save refer to this one. */
  readonly ref: string;
  readonly resource: DraftResource;
  /** Shared with others (the group session) or owned by the person (their goals): never overwritten. */
  readonly shared: boolean;
}

export type ResolveRef = (key: string, resourceType: DraftResource['resourceType']) => string;

export function planDraftResources(m: MappingContext, resolve: ResolveRef): PlannedResource[] {
  const { draft } = m;
  const planned: PlannedResource[] = [];
  let partOf: Reference | undefined;
  if (draft.format === 'group' && draft.groupSession) {
    const key = resourceKey.groupSession(draft.groupSession.id);
    const ref = resolve(key, 'Encounter');
    planned.push({ key, ref, resource: buildGroupSessionEncounter(m, key), shared: true });
    partOf = { reference: ref, identifier: keyIdentifier(key) };
    if (draft.groupSession.title) {
      partOf.display = draft.groupSession.title;
    }
  }
  const goalFocus: Reference[] = [];
  for (const { goal, progress } of draft.goals) {
    if (goal.kind === 'existing') {
      goalFocus.push({
        reference: referenceToId('Goal', goal.id),
        ...(goal.description ? { display: goal.description } : {}),
      });
      continue;
    }
    const key = resourceKey.goal(draft.id, goal.key);
    const ref = resolve(key, 'Goal');
    planned.push({ key, ref, resource: buildNewGoal(m, key, goal.description, progress), shared: true });
    goalFocus.push({
      reference: ref,
      ...(goal.description ? { display: goal.description } : {}),
      identifier: keyIdentifier(key),
    });
  }
  const encounterKey = resourceKey.encounter(draft.id);
  const encounterRef = resolve(encounterKey, 'Encounter');
  planned.push({
    key: encounterKey,
    ref: encounterRef,
    resource: buildPeerEncounter(m, encounterKey, partOf),
    shared: false,
  });
  // Each instrument's answers before its total Observation, which is derivedFrom them.
  const responses = new Map<InstrumentId, Reference>();
  for (const measure of draft.measures) {
    if (measure.kind !== 'instrument') {
      continue;
    }
    const instrument = instrumentById(measure.instrument);
    const key = resourceKey.questionnaireResponse(draft.id, instrument.id);
    const ref = resolve(key, 'QuestionnaireResponse');
    const resource = buildQuestionnaireResponse(m, key, encounterRef, {
      instrument,
      answers: measure.answers,
    });
    planned.push({ key, ref, resource, shared: false });
    responses.set(instrument.id, { reference: ref, identifier: keyIdentifier(key) });
  }
  for (const { key, resource } of buildObservations(m, encounterRef, goalFocus, responses)) {
    planned.push({ key, ref: resolve(key, 'Observation'), resource, shared: false });
  }
  if (draft.followUp) {
    const key = resourceKey.task(draft.id);
    const ref = resolve(key, 'Task');
    planned.push({
      key,
      ref,
      resource: buildFollowUpTask(m, key, encounterRef, draft.followUp),
      shared: false,
    });
  }
  return planned;
}
