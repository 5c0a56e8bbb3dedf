import type { Resource } from 'fhir/r4';
import { resourcesOfAnswer } from '../domain/patient-context-batch';
import {
  nameReads,
  planNameQueries,
  unresolvedReferences,
  type NameQuery,
} from '../domain/person-name-queries';
import { addNames, type NameDirectory } from '../domain/person-names';
import type { ServerCapabilities } from '../domain/server-capabilities';
import { mapBounded, PARALLEL_READS } from './bounded-requests';
import { FhirHttpError } from './fhir-errors';
import type { FhirSession } from './smart-session';

/** Rounds of reading: the roles asked for, then the practitioners those roles name. */
const ROUNDS = 2;

async function answerOf(session: FhirSession, path: string): Promise<Resource[] | FhirHttpError> {
  try {
    return resourcesOfAnswer((await session.request(path)).body);
  } catch (error) {
    if (error instanceof FhirHttpError) {
      return error;
    }
    throw error;
  }
}

/** A query's resources; a refused `_id` search is answered by a few single reads instead. */
async function run(
  session: FhirSession,
  capabilities: ServerCapabilities,
  query: NameQuery,
): Promise<Resource[]> {
  const answer = await answerOf(session, query.path);
  if (!(answer instanceof FhirHttpError)) {
    return answer;
  }
  if (query.kind === 'read') {
    return [];
  }
  const reads = nameReads(capabilities, query.type, query.ids);
  const answers = await mapBounded(reads, PARALLEL_READS, (read) => answerOf(session, read.path));
  return answers.flatMap((a) => (a instanceof FhirHttpError ? [] : a));
}

/**
 * Reads the names `directory` is missing (Practitioners, PractitionerRoles, Organizations met without
 * a name), in one `_id` search per type, then once more for the practitioners of the roles read. Keys
 * in `asked` are not asked again (a person the server would not name stays unnamed), and are added
 * to. Refusals leave names unknown rather than failing: the screen already shows wording for them.
 */
export async function readMissingNames(
  session: FhirSession,
  capabilities: ServerCapabilities,
  directory: NameDirectory,
  asked: Set<string> = new Set(),
): Promise<Resource[]> {
  const found: Resource[] = [];
  let known = directory;
  for (let round = 0; round < ROUNDS; round++) {
    const keys = unresolvedReferences(known).filter((key) => !asked.has(key));
    if (keys.length === 0) {
      break;
    }
    for (const key of keys) {
      asked.add(key);
    }
    const queries = planNameQueries(capabilities, keys);
    const answers = await mapBounded(queries, PARALLEL_READS, (query) => run(session, capabilities, query));
    const resources = answers.flat();
    found.push(...resources);
    known = addNames(known, resources);
  }
  return found;
}
