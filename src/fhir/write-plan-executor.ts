/**
 * Carries out a write plan (src/domain/write-plan.ts): the clinical note first, then the structured
 * parts the server accepts, then the follow-up message. Where the server has transactions the note
 * and the structured record go in one (the existing transaction writer); otherwise one request per
 * resource in dependency order. Where conditional create is absent, a retry looks for what landed
 * (the session ledger, then a search by identifier) before sending anything again, so nothing is
 * written twice. A refused structured part after the note landed is a partial write, reported in
 * plain words and remembered for this server; a refused note is an error and the draft is kept.
 */
import type { Bundle, BundleEntry, FhirResource } from 'fhir/r4';
import { conditionalCreate } from '../domain/draft-to-transaction';
import { RESOURCE_KEY_SYSTEM } from '../domain/codes';
import { arrayOf, isRecord, isResource, stringOf, textOf } from '../domain/guards';
import { describeGoalsNotUpdated, goalStatusChanges } from '../domain/goal-status';
import type { PlannedSave } from '../domain/planned-save';
import { keyOfResource } from '../domain/resource-keys';
import { supportsSearchParam, type ServerCapabilities } from '../domain/server-capabilities';
import {
  describeSaveOutcome,
  type FollowUpOutcome,
  type StructuredPart,
  type WritePart,
  type WritePlan,
} from '../domain/write-plan';
import { FhirHttpError, UnreadableResponseError, describeOutcome } from './fhir-errors';
import { writeGoalStatuses } from './goal-status-writer';
import type { FhirResponse, FhirSession } from './smart-session';
import { writeTransaction, type WrittenResource } from './transaction-writer';
import type { RefusalMemory, WriteLedger } from './write-ledger';

export type { PlannedSave } from '../domain/planned-save';

export interface ExecutorDependencies {
  readonly capabilities: ServerCapabilities;
  readonly ledger: WriteLedger;
  readonly refusals: RefusalMemory;
}

export interface WriteReport {
  readonly note?: WrittenResource;
  /** Structured resources and the follow-up message, as written. */
  readonly written: readonly WrittenResource[];
  /** Parts this server refused during this save (now remembered). */
  readonly refused: readonly WritePart[];
  /** Structured parts that stay only inside the note. */
  readonly onlyInNote: readonly StructuredPart[];
  readonly followUp: FollowUpOutcome;
  /** Ids of the Goals whose achievementStatus now says what the note says (plan `goalStatus`). */
  readonly goalsCurrent: readonly string[];
  readonly requestCount: number;
  /** What landed and what stays only in the note, in plain words for the peer. */
  readonly message: string;
}

/** The server refused the clinical note itself: nothing was saved, and the draft is kept. */
export class NoteRefusedError extends Error {
  constructor(readonly refusal: FhirHttpError) {
    super(
      `This EHR did not accept the note (${refusal.status}${refusal.outcome ? `: ${describeOutcome(refusal.outcome)}` : ''}). ` +
        'Your draft is kept in this browser: try again, or ask IT whether PeerBridge may write clinical notes.',
    );
    this.name = 'NoteRefusedError';
  }
}

/** Answers that mean "this server does not take this resource from an app", not a passing fault. */
const REFUSAL_STATUSES = new Set([400, 403, 404, 405, 422]);

export function isRefusal(error: unknown): error is FhirHttpError {
  return error instanceof FhirHttpError && REFUSAL_STATUSES.has(error.status);
}

const PART_OF_TYPE: Readonly<Record<string, StructuredPart>> = {
  Goal: 'goals',
  Encounter: 'encounter',
  Observation: 'observations',
  Task: 'task',
  Provenance: 'provenance',
};

const LOCATION =
  /(?:^|\/)([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/([A-Za-z0-9\-.]{1,64}))?\/?$/;

/** `W/"3"` or `"3"` -> `3`. */
function versionOfETag(etag: string | null): string | undefined {
  const match = etag ? /^(?:W\/)?"([^"]+)"$/.exec(etag.trim()) : null;
  return match?.[1];
}

/** What a create answered: the body (return=representation) or, from servers that send none, Location and ETag. */
export function writtenFromAnswer(response: FhirResponse, resourceType: string): WrittenResource | undefined {
  const body =
    isResource(response.body) && response.body.resourceType === resourceType ? response.body : undefined;
  const location = LOCATION.exec(
    (response.headers.get('Location') ?? response.headers.get('Content-Location') ?? '').split('?')[0] ?? '',
  );
  const id = textOf(body?.id) ?? (location?.[1] === resourceType ? location[2] : undefined);
  if (!id) {
    return undefined;
  }
  const versionId =
    textOf(body?.meta?.versionId) ?? location?.[3] ?? versionOfETag(response.headers.get('ETag'));
  return {
    resourceType,
    id,
    ...(versionId ? { versionId } : {}),
    ...(body ? { resource: body } : {}),
    created: response.status === 201,
  };
}

function typeOf(entry: BundleEntry): string {
  return entry.resource?.resourceType ?? '';
}

/** The plan's part of the structured record, references to dropped entries removed from the Provenance. */
function structuredEntries(save: PlannedSave): BundleEntry[] {
  const parts = new Set(save.plan.structured);
  const kept = (save.structured?.entry ?? []).filter((entry) => {
    const part = PART_OF_TYPE[typeOf(entry)];
    if (!part || !parts.has(part)) {
      return false;
    }
    return part !== 'task' || save.plan.followUp === 'task';
  });
  const urls = new Set(kept.flatMap((entry) => (entry.fullUrl ? [entry.fullUrl] : [])));
  return kept.flatMap((entry): BundleEntry[] => {
    const resource = entry.resource;
    if (resource?.resourceType !== 'Provenance') {
      return [entry];
    }
    const target = resource.target.filter(
      (t) => urls.has(t.reference ?? '') && t.reference !== entry.fullUrl,
    );
    return target.length > 0 ? [{ ...entry, resource: { ...resource, target } }] : [];
  });
}

/**
 * Drops If-None-Exist where the server's statement does not list conditional create for the type
 * (the ledger and a search stand in). A server that published no statement keeps them: a
 * transaction of creates relies on them, and a server that ignores them only creates.
 */
function withoutUnlistedConditions(
  entry: BundleEntry,
  plan: WritePlan,
  capabilities: ServerCapabilities,
): BundleEntry {
  if (!capabilities.known || !entry.request?.ifNoneExist || plan.conditionalCreate.includes(typeOf(entry))) {
    return entry;
  }
  const { ifNoneExist: _dropped, ...request } = entry.request;
  return { ...entry, request };
}

function urnsIn(value: unknown, found: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) {
    value.forEach((item) => urnsIn(item, found));
  } else if (isRecord(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'reference' && typeof item === 'string' && item.startsWith('urn:uuid:')) {
        found.add(item);
      } else {
        urnsIn(item, found);
      }
    }
  }
  return found;
}

function resolve<T>(value: T, resolved: ReadonlyMap<string, string>): T {
  if (Array.isArray(value)) {
    return value.map((item: unknown) => resolve(item, resolved)) as T;
  }
  if (isRecord(value)) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      copy[key] =
        key === 'reference' && typeof item === 'string' && resolved.has(item)
          ? resolved.get(item)
          : resolve(item, resolved);
    }
    return copy as T;
  }
  return value;
}

/** The note's text, base64 as sent: PeerBridge renders the whole note into it, time and author included. */
function noteData(resource: FhirResource): string | undefined {
  if (resource.resourceType !== 'DocumentReference') {
    return undefined;
  }
  return resource.content.length === 1 ? textOf(resource.content[0]?.attachment.data) : undefined;
}

/**
 * Oracle Health drops a note's identifier (document_reference.yaml): an earlier attempt's note is
 * then recognised by its whole text, for the same patient. Two notes with the same words, time and
 * author are the same note.
 */
function sameNoteText(sent: FhirResource, found: FhirResource): boolean {
  const data = noteData(sent);
  return (
    data !== undefined &&
    found.resourceType === 'DocumentReference' &&
    sent.resourceType === 'DocumentReference' &&
    stringOf(found.subject?.reference) === stringOf(sent.subject?.reference) &&
    arrayOf(found.content).some(
      (content) => isRecord(content) && isRecord(content.attachment) && content.attachment.data === data,
    )
  );
}

class Run {
  requestCount = 0;
  readonly refused: WritePart[] = [];

  constructor(
    private readonly session: FhirSession,
    private readonly deps: ExecutorDependencies,
  ) {}

  /** Finds what an earlier attempt wrote under `key`; undefined when it is not there, 'unsearchable' when it cannot be looked for. */
  async find(resource: FhirResource, key: string): Promise<WrittenResource | undefined | 'unsearchable'> {
    const type = resource.resourceType;
    const caps = this.deps.capabilities;
    const token = encodeURIComponent(`${RESOURCE_KEY_SYSTEM}|${key}`);
    let path: string | undefined;
    if (type === 'Provenance') {
      path = supportsSearchParam(caps, type, '_tag') ? `Provenance?_tag=${token}` : undefined;
    } else if (supportsSearchParam(caps, type, 'identifier')) {
      path = `${type}?identifier=${token}`;
    } else if (type === 'DocumentReference' && supportsSearchParam(caps, type, 'patient')) {
      // Epic and Oracle list no identifier search on DocumentReference: read the patient's notes and match ours.
      const patient = encodeURIComponent(
        stringOf(resource.subject?.reference)?.replace(/^Patient\//, '') ?? '',
      );
      path = `DocumentReference?patient=${patient}${supportsSearchParam(caps, type, '_count') ? '&_count=100' : ''}`;
    }
    if (!path) {
      return 'unsearchable';
    }
    const response = await this.session.request(path);
    this.requestCount += 1;
    const entries =
      isRecord(response.body) && Array.isArray(response.body.entry) ? (response.body.entry as unknown[]) : [];
    for (const entry of entries) {
      const match: unknown = isRecord(entry) ? entry.resource : undefined;
      if (
        isResource(match) &&
        match.resourceType === type &&
        (keyOfResource(match) === key || sameNoteText(resource, match)) &&
        textOf(match.id)
      ) {
        const versionId = textOf(match.meta?.versionId);
        return {
          resourceType: type,
          id: match.id ?? '',
          ...(versionId ? { versionId } : {}),
          resource: match,
          created: false,
        };
      }
    }
    return undefined;
  }

  /**
   * Creates `resource` once. A landed ledger entry is returned without a request; an earlier attempt
   * whose answer was lost is looked for first where the server has no conditional create.
   * `unknownEarlier`: what to do when an earlier attempt cannot be looked for.
   */
  async createOnce(
    resource: FhirResource,
    key: string,
    conditional: string | undefined,
    unknownEarlier: 'send' | 'skip',
  ): Promise<WrittenResource | undefined> {
    const { ledger } = this.deps;
    const known = ledger.get(key);
    if (known?.state === 'landed') {
      return {
        resourceType: known.resourceType,
        id: known.id,
        ...(known.versionId ? { versionId: known.versionId } : {}),
        created: false,
      };
    }
    if (known?.state === 'sent' && !conditional) {
      const found = await this.find(resource, key);
      if (found === 'unsearchable' && unknownEarlier === 'skip') {
        return undefined;
      }
      if (found && found !== 'unsearchable') {
        this.land(key, found);
        return found;
      }
    }
    ledger.set(key, { state: 'sent' });
    const response = await this.session.request(resource.resourceType, {
      method: 'POST',
      body: resource,
      headers: { Prefer: 'return=representation', ...(conditional ? { 'If-None-Exist': conditional } : {}) },
    });
    this.requestCount += 1;
    let written = writtenFromAnswer(response, resource.resourceType);
    if (!written) {
      const found = await this.find(resource, key);
      written = found === 'unsearchable' ? undefined : found;
    }
    if (!written) {
      throw new UnreadableResponseError(
        response.status,
        `the server did not say where it stored the ${resource.resourceType}`,
      );
    }
    this.land(key, written);
    return written;
  }

  land(key: string, written: WrittenResource): void {
    this.deps.ledger.set(key, {
      state: 'landed',
      resourceType: written.resourceType,
      id: written.id,
      ...(written.versionId ? { versionId: written.versionId } : {}),
    });
  }

  refuse(part: WritePart): void {
    if (!this.refused.includes(part)) {
      this.refused.push(part);
    }
    this.deps.refusals.remember(part);
  }
}

function ifNoneExistOf(entry: BundleEntry): string | undefined {
  return entry.request?.ifNoneExist;
}

async function writeNote(run: Run, save: PlannedSave): Promise<WrittenResource | undefined> {
  const note = save.note;
  if (!note) {
    return undefined;
  }
  const key = keyOfResource(note) ?? '';
  const conditional = save.plan.conditionalCreate.includes('DocumentReference')
    ? ifNoneExistOf(conditionalCreate('', key, note))
    : undefined;
  try {
    return await run.createOnce(note, key, conditional, 'send');
  } catch (error) {
    if (isRefusal(error)) {
      if (note.docStatus === 'preliminary') {
        run.refuse('draft-note');
      }
      throw new NoteRefusedError(error);
    }
    throw error;
  }
}

async function writeStructuredOneByOne(run: Run, entries: readonly BundleEntry[]) {
  const resolved = new Map<string, string>();
  const written: WrittenResource[] = [];
  const missing = new Set<StructuredPart>();
  for (const entry of entries) {
    const part = PART_OF_TYPE[typeOf(entry)];
    const resource = entry.resource;
    const key = resource ? keyOfResource(resource) : undefined;
    if (!part || !resource || !key) {
      continue;
    }
    // Something it points at did not land (refused): it stays in the note with what it belongs to.
    const unresolved = [...urnsIn(resource)].some((urn) => !resolved.has(urn));
    if (unresolved || run.refused.includes(part)) {
      missing.add(part);
      continue;
    }
    try {
      const result = await run.createOnce(resolve(resource, resolved), key, ifNoneExistOf(entry), 'skip');
      if (!result) {
        missing.add(part);
        continue;
      }
      written.push(result);
      if (entry.fullUrl) {
        resolved.set(entry.fullUrl, `${result.resourceType}/${result.id}`);
      }
    } catch (error) {
      if (!isRefusal(error)) {
        throw error;
      }
      run.refuse(part);
      missing.add(part);
    }
  }
  return { written, missing };
}

async function writeFollowUpMessage(run: Run, save: PlannedSave, note: WrittenResource | undefined) {
  if (save.plan.followUp !== 'communication' || !save.draft.followUp) {
    return { written: undefined, outcome: 'none' as const };
  }
  const message = save.followUpMessage?.(note ? `${note.resourceType}/${note.id}` : undefined);
  if (!message) {
    return { written: undefined, outcome: 'not-sent' as const };
  }
  try {
    const key = keyOfResource(message) ?? '';
    const conditional = save.plan.conditionalCreate.includes('Communication')
      ? ifNoneExistOf(conditionalCreate('', key, message))
      : undefined;
    const written = await run.createOnce(message, key, conditional, 'skip');
    return { written, outcome: written ? ('communication' as const) : ('not-sent' as const) };
  } catch (error) {
    if (!isRefusal(error)) {
      throw error;
    }
    run.refuse('communication');
    return { written: undefined, outcome: 'not-sent' as const };
  }
}

function noteEntry(save: PlannedSave, capabilities: ServerCapabilities): BundleEntry | undefined {
  const note = save.note;
  if (!note) {
    return undefined;
  }
  const entry = conditionalCreate('urn:uuid:clinical-note', keyOfResource(note) ?? '', note);
  return withoutUnlistedConditions(entry, save.plan, capabilities);
}

/** Executes `save`. Throws NoteRefusedError when the note is refused; other errors keep their types. */
export async function executeWritePlan(
  session: FhirSession,
  save: PlannedSave,
  deps: ExecutorDependencies,
): Promise<WriteReport> {
  const run = new Run(session, deps);
  const entries = structuredEntries(save).map((entry) =>
    withoutUnlistedConditions(entry, save.plan, deps.capabilities),
  );
  let note: WrittenResource | undefined;
  let written: WrittenResource[] = [];
  let missing = new Set<StructuredPart>();
  let structuredDone = false;

  if (save.plan.method === 'transaction' && entries.length > 0) {
    const first = noteEntry(save, deps.capabilities);
    const bundle: Bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [...(first ? [first] : []), ...entries],
    };
    try {
      const outcome = await writeTransaction(session, bundle, deps.capabilities);
      run.requestCount += outcome.requestCount;
      const results = [...outcome.written];
      note = first ? results.shift() : undefined;
      if (note && save.note) {
        run.land(keyOfResource(save.note) ?? '', note);
      }
      written = results;
      structuredDone = true;
    } catch (error) {
      // Atomic, so nothing landed: the note goes alone and the structured record stays inside it.
      if (!isRefusal(error) || !save.note) {
        throw error;
      }
      for (const part of save.plan.structured) {
        run.refuse(part);
        missing.add(part);
      }
      structuredDone = true;
    }
  }
  if (!note) {
    note = await writeNote(run, save);
  }
  if (!structuredDone) {
    const result = await writeStructuredOneByOne(run, entries);
    written = result.written;
    missing = result.missing;
  }
  const goals = await updateGoals(session, run, save, deps);
  const message = await writeFollowUpMessage(run, save, note);
  let followUp: FollowUpOutcome = message.outcome;
  if (message.outcome === 'none' && save.draft.followUp) {
    followUp = followUpOf(save, written);
  }
  const onlyInNote = save.note
    ? [...save.plan.onlyInNote, ...save.plan.structured.filter((part) => missing.has(part))]
    : [];
  const report = {
    ...(note ? { note } : {}),
    written: message.written ? [...written, message.written] : written,
    refused: run.refused,
    onlyInNote,
    followUp,
    goalsCurrent: goals.current,
    requestCount: run.requestCount,
  };
  const saved = describeSaveOutcome({ ...report, note: note !== undefined });
  const goalsLeft = describeGoalsNotUpdated(goals.notUpdated);
  return { ...report, message: goalsLeft ? `${saved} ${goalsLeft}` : saved };
}

/**
 * Brings each existing Goal's achievementStatus up to the signed note's progress, after the note and
 * the structured record landed: it never fails the save. A server that refuses Goal updates although
 * it lists them is remembered and planned around, silently, like one that does not list them.
 */
async function updateGoals(session: FhirSession, run: Run, save: PlannedSave, deps: ExecutorDependencies) {
  const changes = save.plan.goalStatus ? goalStatusChanges(save.draft) : [];
  if (changes.length === 0) {
    return { current: [], notUpdated: [] };
  }
  const report = await writeGoalStatuses(session, changes);
  run.requestCount += report.requestCount;
  if (report.refused) {
    deps.refusals.remember('goal-status');
  }
  return report;
}

function followUpOf(save: PlannedSave, written: readonly WrittenResource[]): FollowUpOutcome {
  return save.plan.followUp === 'task' && written.some((w) => w.resourceType === 'Task')
    ? 'task'
    : 'not-sent';
}
