import type { DocumentReference, Encounter, Goal, Observation, Provenance, Resource, Task } from 'fhir/r4';
import { CATEGORY, OBSERVATION_CODE, PROVENANCE_CODE } from '../../../src/domain/codes';
import { errorsOf, validateAgainstProfiles } from '../../../scripts/profiles/validation/profile-validator';
import type { TestSandbox } from './test-sandbox';

/** What PeerBridge wrote for one person, read straight from the sandbox's FHIR store (no auth). */
export interface PeerResources {
  /** Encounters typed peer-support-service for the person. */
  readonly encounters: Encounter[];
  /** Observations of those encounters. */
  readonly observations: Observation[];
  /** Follow-up Tasks focused on those encounters. */
  readonly tasks: Task[];
  /** Provenances that target those encounters. */
  readonly provenances: Provenance[];
  /** Goals the goal-progress Observations point at: the person's own and any the peer added. */
  readonly goals: Goal[];
}

function hasCoding(resource: { type?: Encounter['type'] }, code: string): boolean {
  return (resource.type ?? []).some((concept) => (concept.coding ?? []).some((c) => c.code === code));
}

async function search<T extends Resource>(
  sandbox: TestSandbox,
  type: T['resourceType'],
  query: Record<string, string>,
): Promise<T[]> {
  return (await sandbox.fhir.internal.search(type, query)).filter((r): r is T => r.resourceType === type);
}

export function isPeerEncounter(encounter: Encounter): boolean {
  return hasCoding(encounter, CATEGORY.peerSupportService.code);
}

export function isGroupSessionEncounter(encounter: Encounter): boolean {
  return hasCoding(encounter, CATEGORY.peerGroupSession.code);
}

export async function findPeerResources(sandbox: TestSandbox, patientId: string): Promise<PeerResources> {
  const encounters = (
    await search<Encounter>(sandbox, 'Encounter', { subject: `Patient/${patientId}` })
  ).filter(isPeerEncounter);
  const observations: Observation[] = [];
  const tasks: Task[] = [];
  const provenances: Provenance[] = [];
  for (const encounter of encounters) {
    const reference = `Encounter/${encounter.id ?? ''}`;
    observations.push(...(await search<Observation>(sandbox, 'Observation', { encounter: reference })));
    tasks.push(...(await search<Task>(sandbox, 'Task', { focus: reference })));
    provenances.push(...(await search<Provenance>(sandbox, 'Provenance', { target: reference })));
  }
  const goalIds = new Set(
    observations.flatMap((o) =>
      (o.focus ?? []).flatMap((f) => (f.reference?.startsWith('Goal/') ? [f.reference.slice(5)] : [])),
    ),
  );
  const goals: Goal[] = [];
  for (const id of goalIds) {
    const goal = await sandbox.fhir.internal.read<Goal>('Goal', id);
    if (goal) {
      goals.push(goal);
    }
  }
  return { encounters, observations, tasks, provenances, goals };
}

/** The one peer Encounter of the person; fails with what was found when there is not exactly one. */
export function onlyEncounter(resources: PeerResources): Encounter {
  const [encounter, ...others] = resources.encounters;
  if (!encounter || others.length > 0) {
    throw new Error(
      `Expected exactly one peer Encounter, found ${resources.encounters.length}: ${resources.encounters
        .map((e) => `Encounter/${e.id ?? '?'} (${e.status})`)
        .join(', ')}`,
    );
  }
  return encounter;
}

export function observationsCoded(observations: readonly Observation[], code: string): Observation[] {
  return observations.filter((o) => (o.code.coding ?? []).some((c) => c.code === code));
}

export function narrativeOf(observations: readonly Observation[]): string | undefined {
  return observationsCoded(observations, OBSERVATION_CODE.narrative.code)[0]?.valueString;
}

export function provenanceActivity(provenance: Provenance): string | undefined {
  return provenance.activity?.coding?.find((c) =>
    [PROVENANCE_CODE.create.code, PROVENANCE_CODE.update.code, PROVENANCE_CODE.nullify.code].includes(
      c.code ?? '',
    ),
  )?.code;
}

/** Every profile error of every resource, as `Type/id path: message`, so a failure names them all. */
export function profileErrors(resources: readonly Resource[]): string[] {
  return resources.flatMap((resource) =>
    errorsOf(validateAgainstProfiles(resource)).map(
      (issue) => `${resource.resourceType}/${resource.id ?? '?'} ${issue.path}: ${issue.message}`,
    ),
  );
}

export function allOf(resources: PeerResources): Resource[] {
  return [
    ...resources.encounters,
    ...resources.observations,
    ...resources.tasks,
    ...resources.provenances,
    ...resources.goals,
  ];
}

/** The person's clinical notes (DocumentReferences), straight from the sandbox's store, with their text. */
export async function findClinicalNotes(
  sandbox: TestSandbox,
  patientId: string,
): Promise<{ note: DocumentReference; text: string }[]> {
  const notes = await search<DocumentReference>(sandbox, 'DocumentReference', {
    subject: `Patient/${patientId}`,
  });
  return notes.map((note) => {
    const data = note.content[0]?.attachment.data ?? '';
    return { note, text: Buffer.from(data, 'base64').toString('utf8') };
  });
}
