/**
 * Carries out a write plan (src/domain/write-plan.ts): the clinical note first, then the structured
 * parts the server accepts, then the follow-up message. Where the server has transactions the note
 * and the structured record go in one (the existing transaction writer); otherwise one request per
 * resource in dependency order. Where conditional create is absent, a retry looks for what landed
 * (the session ledger, then a search by identifier) before sending anything again, so nothing is
 * written twice. A refused structured part after the note landed is a partial write, reported in
 * plain words and remembered for this server; a refused note is an error and the draft is kept.
 */
import type { Bundle, BundleEntry } from 'fhir/r4';
import { conditionalCreate } from '../domain/draft-to-transaction';
import { describeGoalsNotUpdated, goalStatusChanges } from '../domain/goal-status';
import type { PlannedSave } from '../domain/planned-save';
import { keyOfResource } from '../domain/resource-keys';
import type { ServerCapabilities } from '../domain/server-capabilities';
import {
  keptEntries,
  partOfEntry,
  structuredEntries,
  withoutUnlistedConditions,
} from '../domain/structured-entries';
import type { StructuredPart, WritePart } from '../domain/write-plan';
import { describeSaveOutcome, type FollowUpOutcome } from '../domain/write-plan-words';
import { writeGoalStatuses } from './goal-status-writer';
import { writeFollowUpMessage, writeNote, writeStructuredOneByOne } from './single-resource-writes';
import type { FhirSession } from './smart-session';
import { writeTransaction } from './transaction-writer';
import { isRefusal } from './write-refusals';
import { WriteRun, type ExecutorDependencies } from './write-run';
import type { WrittenResource } from './written-resource';

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
  const run = new WriteRun(session, deps);
  const entries = structuredEntries(save).map((entry) =>
    withoutUnlistedConditions(entry, save.plan, deps.capabilities),
  );
  let note: WrittenResource | undefined;
  let written: WrittenResource[] = [];
  let missing = new Set<StructuredPart>();
  let structuredDone = false;

  if (save.plan.method === 'transaction' && entries.length > 0) {
    const outcome = await writeAsOneTransaction(session, run, save, entries, deps.capabilities);
    note = outcome.note;
    written = outcome.written;
    missing = outcome.missing;
    structuredDone = true;
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

interface TransactionResult {
  readonly note?: WrittenResource;
  readonly written: WrittenResource[];
  readonly missing: Set<StructuredPart>;
}

/**
 * The note and the structured record in one transaction. Atomic, so a refusal means nothing landed:
 * where it held QuestionnaireResponses (which servers take least often) it is sent once more without
 * them, and if that lands the responses are what the server refused; otherwise the note goes alone
 * (by the caller) and the structured record stays inside it.
 */
async function writeAsOneTransaction(
  session: FhirSession,
  run: WriteRun,
  save: PlannedSave,
  entries: readonly BundleEntry[],
  capabilities: ServerCapabilities,
): Promise<TransactionResult> {
  const first = noteEntry(save, capabilities);
  const send = async (sent: readonly BundleEntry[]) => {
    const bundle: Bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [...(first ? [first] : []), ...sent],
    };
    const outcome = await writeTransaction(session, bundle, capabilities);
    run.requestCount += outcome.requestCount;
    const results = [...outcome.written];
    const note = first ? results.shift() : undefined;
    if (note && save.note) {
      run.land(keyOfResource(save.note) ?? '', note);
    }
    return { ...(note ? { note } : {}), written: results };
  };
  const isResponse = (entry: BundleEntry) => partOfEntry(entry) === 'questionnaire-responses';
  let refusal: unknown;
  try {
    return { ...(await send(entries)), missing: new Set() };
  } catch (error) {
    if (!isRefusal(error)) {
      throw error;
    }
    refusal = error;
  }
  if (entries.some(isResponse)) {
    try {
      const result = await send(keptEntries(entries, (entry) => !isResponse(entry)));
      run.refuse('questionnaire-responses');
      return { ...result, missing: new Set(['questionnaire-responses']) };
    } catch (error) {
      if (!isRefusal(error)) {
        throw error;
      }
    }
  }
  if (!save.note) {
    throw refusal;
  }
  for (const part of save.plan.structured) {
    run.refuse(part);
  }
  return { written: [], missing: new Set(save.plan.structured) };
}

/**
 * Brings each existing Goal's achievementStatus up to the signed note's progress, after the note and
 * the structured record landed: it never fails the save. A server that refuses Goal updates although
 * it lists them is remembered and planned around, silently, like one that does not list them.
 */
async function updateGoals(
  session: FhirSession,
  run: WriteRun,
  save: PlannedSave,
  deps: ExecutorDependencies,
) {
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
