import { signal, type ReadonlySignal } from '@preact/signals';
import type { Task } from 'fhir/r4';
import type { FollowUpRequest } from '../../domain/follow-up-requests';
import { scopeAllows } from '../../domain/scope-permissions';
import { normalizeErrorMessage, VersionConflictError } from '../../fhir/fhir-errors';

const FOLLOW_UP_CHANGED =
  'This follow-up was changed by someone else since it was loaded, so PeerBridge did not overwrite it. Reload to see its current state.';

export type AcknowledgeState =
  | { readonly kind: 'saving' }
  | { readonly kind: 'done' }
  | { readonly kind: 'conflict'; readonly message: string }
  | { readonly kind: 'failed'; readonly message: string };

export interface FollowUpAcknowledgements {
  readonly acknowledgements: ReadonlySignal<ReadonlyMap<string, AcknowledgeState>>;
  /** Whether the granted scope lets the clinician update a Task at all. */
  readonly canAcknowledge: boolean;
  /** Only a request that is a Task can be acknowledged here; the others are marked seen in the EHR. */
  readonly acknowledge: (request: FollowUpRequest) => Promise<void>;
}

/** The clinician's acknowledgement of each follow-up request on the screen (the requests: clinician-model.ts). */
export function createFollowUpAcknowledgements(options: {
  readonly grantedScope: string;
  readonly acknowledge: (task: Task) => Promise<Task>;
}): FollowUpAcknowledgements {
  const acknowledgements = signal<ReadonlyMap<string, AcknowledgeState>>(new Map());
  const canAcknowledge = scopeAllows(options.grantedScope, 'Task', 'u');

  function setAcknowledgement(id: string, state: AcknowledgeState): void {
    const next = new Map(acknowledgements.value);
    next.set(id, state);
    acknowledgements.value = next;
  }

  return {
    acknowledgements,
    canAcknowledge,
    acknowledge: async (request) => {
      const task = request.task;
      if (!task || !canAcknowledge || acknowledgements.value.get(request.id)?.kind === 'saving') {
        return;
      }
      setAcknowledgement(request.id, { kind: 'saving' });
      try {
        await options.acknowledge(task);
        // The request stays listed, marked acknowledged, until the screen is reopened, so the
        // clinician sees what their click did.
        setAcknowledgement(request.id, { kind: 'done' });
      } catch (error) {
        setAcknowledgement(
          request.id,
          error instanceof VersionConflictError
            ? { kind: 'conflict', message: FOLLOW_UP_CHANGED }
            : { kind: 'failed', message: normalizeErrorMessage(error) },
        );
      }
    },
  };
}
