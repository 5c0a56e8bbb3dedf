/**
 * The writes of a plan that go one resource per request (no transaction, or the note after a refused
 * one): each created once through the WriteRun, which looks for what landed before sending again.
 */
import type { BundleEntry } from 'fhir/r4';
import { conditionalCreate } from '../domain/draft-to-transaction';
import type { PlannedSave } from '../domain/planned-save';
import { referenceTo } from '../domain/references';
import { keyOfResource } from '../domain/resource-keys';
import { partOfEntry, withoutReferencesTo } from '../domain/structured-entries';
import { resolveReferences, urnReferencesIn } from '../domain/urn-references';
import type { StructuredPart } from '../domain/write-plan';
import { isRefusal, NoteRefusedError } from './write-refusals';
import type { WriteRun } from './write-run';
import type { WrittenResource } from './written-resource';

function ifNoneExistOf(entry: BundleEntry): string | undefined {
  return entry.request?.ifNoneExist;
}

/** The clinical note, once: a refusal is a NoteRefusedError (a refused draft note is remembered). */
export async function writeNote(run: WriteRun, save: PlannedSave): Promise<WrittenResource | undefined> {
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

/** The structured parts one create each, in dependency order; a refused part stays in the note. */
export async function writeStructuredOneByOne(run: WriteRun, entries: readonly BundleEntry[]) {
  const resolved = new Map<string, string>();
  const written: WrittenResource[] = [];
  const missing = new Set<StructuredPart>();
  // QuestionnaireResponses that did not land: what points at them (the total score's derivedFrom, the
  // Provenance's targets) is written without them, where anything else that did not land holds back
  // what points at it.
  const responsesNotLanded = new Set<string>();
  for (const entry of entries) {
    const part = partOfEntry(entry);
    const resource =
      entry.resource && withoutReferencesTo(entry.resource, (ref) => responsesNotLanded.has(ref));
    const key = resource ? keyOfResource(resource) : undefined;
    if (!part || !resource || !key) {
      continue;
    }
    if (part === 'questionnaire-responses' && entry.fullUrl) {
      responsesNotLanded.add(entry.fullUrl);
    }
    // Something it points at did not land (refused): it stays in the note with what it belongs to.
    const unresolved = [...urnReferencesIn(resource)].some((urn) => !resolved.has(urn));
    if (unresolved || run.refused.includes(part)) {
      missing.add(part);
      continue;
    }
    try {
      const result = await run.createOnce(
        resolveReferences(resource, resolved),
        key,
        ifNoneExistOf(entry),
        'skip',
      );
      if (!result) {
        missing.add(part);
        continue;
      }
      written.push(result);
      if (entry.fullUrl) {
        resolved.set(entry.fullUrl, referenceTo(result));
        responsesNotLanded.delete(entry.fullUrl);
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

/** The follow-up message (Communication) where the plan sends one, pointing at the note. */
export async function writeFollowUpMessage(
  run: WriteRun,
  save: PlannedSave,
  note: WrittenResource | undefined,
) {
  if (save.plan.followUp !== 'communication' || !save.draft.followUp) {
    return { written: undefined, outcome: 'none' as const };
  }
  const message = save.followUpMessage?.(note ? referenceTo(note) : undefined);
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
