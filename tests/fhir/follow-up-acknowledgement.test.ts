import type { Task } from 'fhir/r4';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { VersionConflictError } from '../../src/fhir/fhir-errors';
import { acknowledgeFollowUp } from '../../src/fhir/follow-up-acknowledgement';
import { createFhirSession } from '../../src/fhir/smart-session';
import { fakeSmartClient } from '../support/fake-smart-client';
import { STORE_BASE } from '../../mocks/fake-fhir-server/fhir-store';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const task: Task = {
  resourceType: 'Task',
  id: 'task-maria-1',
  meta: { versionId: '3' },
  status: 'requested',
  intent: 'order',
};

describe.each([409, 412])('acknowledgeFollowUp when the server answers %i', (status) => {
  it('rejects with a version conflict that keeps the status', async () => {
    server.use(
      http.put(`${STORE_BASE}/Task/task-maria-1`, () =>
        HttpResponse.json(
          { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'conflict' }] },
          { status },
        ),
      ),
    );
    const error = await acknowledgeFollowUp(
      createFhirSession(fakeSmartClient()),
      task,
      new Date('2026-11-20T17:05:00Z'),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VersionConflictError);
    expect(error).toMatchObject({ status });
  });
});
