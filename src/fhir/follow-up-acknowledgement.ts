import type { Task } from 'fhir/r4';
import { acknowledgedTask } from '../domain/follow-up-requests';
import { readPath } from '../domain/search-query';
import { asVersionConflict } from './fhir-errors';
import type { FhirSession } from './smart-session';

/**
 * Acknowledges a follow-up request: PUT of the Task with status accepted, conditional on the version
 * read (If-Match), so an update by someone else in the meantime is reported (VersionConflictError)
 * instead of lost.
 * https://hl7.org/fhir/R4/http.html#concurrency
 */
export async function acknowledgeFollowUp(session: FhirSession, task: Task, now: Date): Promise<Task> {
  const id = task.id ?? '';
  const version = task.meta?.versionId;
  const body = acknowledgedTask(task, now.toISOString());
  try {
    const response = await session.request(readPath('Task', id), {
      method: 'PUT',
      body,
      headers: version ? { 'If-Match': `W/"${version}"` } : {},
    });
    const saved = response.body as Task | undefined;
    return saved?.resourceType === 'Task' ? saved : body;
  } catch (error) {
    throw asVersionConflict(error);
  }
}
