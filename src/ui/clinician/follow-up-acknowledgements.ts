import { signal, type ReadonlySignal } from '@preact/signals';
import type { Task } from 'fhir/r4';
import { openFollowUps, type FollowUpRequest } from '../../domain/follow-up-requests';
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
  /** The follow-up requests still open when the screen was opened. */
  readonly requests: readonly FollowUpRequest[];
  readonly acknowledgements: ReadonlySignal<ReadonlyMap<string, AcknowledgeState>>;
  /** Whether the granted scope lets the clinician update a Task at all. */
  readonly canAcknowledge: boolean;
  readonly acknowledge: (request: FollowUpRequest) => Promise<void>;
}

/** The peer's follow-up requests on the clinician's screen, and the clinician's acknowledgement of each. */
export function createFollowUpAcknowledgements(options: {
  readonly followUps: readonly Task[];
  readonly grantedScope: string;
  readonly acknowledge: (task: Task) => Promise<Task>;
}): FollowUpAcknowledgements {
  const acknowledgements = signal<ReadonlyMap<string, AcknowledgeState>>(new Map());
  const requests = openFollowUps(options.followUps);
  const canAcknowledge = scopeAllows(options.grantedScope, 'Task', 'u');

  function setAcknowledgement(id: string, state: AcknowledgeState): void {
    const next = new Map(acknowledgements.value);
    next.set(id, state);
    acknowledgements.value = next;
  }

  return {
    requests,
    acknowledgements,
    canAcknowledge,
    acknowledge: async (request) => {
      if (!canAcknowledge || acknowledgements.value.get(request.id)?.kind === 'saving') {
        return;
      }
      setAcknowledgement(request.id, { kind: 'saving' });
      try {
        await options.acknowledge(request.task);
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
