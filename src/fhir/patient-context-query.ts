import { isBundle } from '../domain/guards';
import { readPatientContext, type PatientContext } from '../domain/patient-context';
import {
  buildPatientContextBatch,
  readContextBatch,
  resourcesOfAnswer,
} from '../domain/patient-context-batch';
import {
  planOptimisticContext,
  planPatientContext,
  type ContextPlan,
  type ContextSection,
  type PatientContextRequest,
  type QueryAnswer,
} from '../domain/patient-context-queries';
import { retryableSections, sectionAnswers } from '../domain/patient-context-sections';
import { ASSUMED_CAPABILITIES, type ServerCapabilities } from '../domain/server-capabilities';
import { NO_PEER_RECOGNITION, type PeerRecognition } from '../domain/user-role';
import { mapBounded, PARALLEL_READS } from './bounded-requests';
import { FhirHttpError, SessionExpiredError } from './fhir-errors';
import type { FhirSession } from './smart-session';

export interface PatientContextOptions {
  /** The summary cached for this server, if any: then the first read already follows it. */
  readonly cachedCapabilities?: ServerCapabilities;
  /** The statement being read in parallel; awaited only when a read is refused. */
  readonly capabilities: () => Promise<ServerCapabilities>;
  /** How this site's peers are recognised (runtime config); awaited only to read the answers. */
  readonly recognition?: PeerRecognition | Promise<PeerRecognition>;
}

/** Batch refusals that mean "not here" rather than "not you" (FHIR R4 http.html). */
const BATCH_REFUSED = new Set([400, 404, 405, 501]);

async function readOne(session: FhirSession, path: string): Promise<QueryAnswer> {
  try {
    const response = await session.request(path);
    return { ok: true, resources: resourcesOfAnswer(response.body) };
  } catch (error) {
    if (error instanceof SessionExpiredError) {
      throw error;
    }
    return error instanceof FhirHttpError ? { ok: false, status: error.status } : { ok: false };
  }
}

async function readSeparately(session: FhirSession, plan: ContextPlan): Promise<QueryAnswer[]> {
  return mapBounded(plan.queries, PARALLEL_READS, (query) => readOne(session, query.path));
}

/** The batch's answers, or undefined when the server will not take a batch here. */
async function readAsBatch(session: FhirSession, plan: ContextPlan): Promise<QueryAnswer[] | undefined> {
  try {
    const response = await session.request('', { method: 'POST', body: buildPatientContextBatch(plan) });
    return isBundle(response.body) ? readContextBatch(plan, response.body) : undefined;
  } catch (error) {
    if (error instanceof FhirHttpError && BATCH_REFUSED.has(error.status)) {
      return undefined;
    }
    throw error;
  }
}

/**
 * Loads the patient's context. With a cached statement the reads follow it (one batch where the
 * server takes batch, else a few bounded parallel searches). Without one the first screen does not
 * wait for the statement: an optimistic batch goes out while it loads, and whatever that batch was
 * refused (the whole batch, or single entries) is read again one search at a time, using only the
 * search parameters the statement lists.
 */
export async function loadPatientContext(
  session: FhirSession,
  patientId: string,
  options: PatientContextOptions = { capabilities: () => Promise.resolve(ASSUMED_CAPABILITIES) },
): Promise<PatientContext> {
  const request: PatientContextRequest = {
    patientId,
    ...(session.context.fhirUser ? { fhirUser: session.context.fhirUser } : {}),
  };
  const recognition = Promise.resolve(options.recognition ?? NO_PEER_RECOGNITION);
  const cached = options.cachedCapabilities;
  const first = planOptimisticContext(request, cached ?? ASSUMED_CAPABILITIES);
  const batched = cached && !cached.batch ? undefined : await readAsBatch(session, first);
  const sections = batched ? sectionAnswers(first, batched) : undefined;
  // Entries of a batch planned from a known statement would be refused again: only an optimistic
  // batch's refusals are worth a second, statement-shaped read.
  const retry = sections && !cached ? retryableSections(sections) : new Set<ContextSection>();
  if (sections && retry.size === 0) {
    return readPatientContext(sections, request, await recognition);
  }
  const capabilities = cached ?? (await options.capabilities());
  const fallback = planPatientContext(request, capabilities, sections ? retry : undefined);
  const answers = await readSeparately(session, fallback);
  return readPatientContext(sectionAnswers(fallback, answers, sections), request, await recognition);
}
