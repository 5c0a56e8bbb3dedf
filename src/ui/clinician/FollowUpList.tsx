import { formatDate } from '../../domain/format';
import type { FollowUpRequest } from '../../domain/follow-up-requests';
import { personName } from '../../domain/person-names';
import type { ClinicianModel } from './clinician-model';

function AcknowledgeStatus({ model, request }: { model: ClinicianModel; request: FollowUpRequest }) {
  const state = model.acknowledgements.value.get(request.id);
  if (!state) {
    return null;
  }
  switch (state.kind) {
    case 'saving':
      return (
        <p class="progress" role="status">
          Acknowledging…
        </p>
      );
    case 'done':
      return (
        <p class="follow-up__done" role="status">
          Acknowledged. The peer’s request is marked accepted in the record.
        </p>
      );
    case 'conflict':
    case 'failed':
      return (
        <p class="follow-up__problem" role="alert">
          {state.message}
        </p>
      );
  }
}

/** Open follow-up requests from peers, first on the clinician's screen. */
export function FollowUpList({ model }: { model: ClinicianModel }) {
  const requests = model.requests;
  const names = model.names.value;
  // Read when the list was built, or later from the names read in the background.
  const requester = (r: FollowUpRequest) => personName(names, r.requesterReference) ?? r.requester;
  const owner = (r: FollowUpRequest) => personName(names, r.ownerReference) ?? r.owner;
  return (
    <section class="clinician-section follow-ups" aria-labelledby="follow-ups-title">
      <h2 id="follow-ups-title">Follow-ups requested by peers</h2>
      {requests.length === 0 ? (
        <p class="muted">No open follow-up requests.</p>
      ) : (
        <ul class="follow-up-list">
          {requests.map((request) => {
            const state = model.acknowledgements.value.get(request.id);
            const acknowledged = state?.kind === 'done';
            return (
              <li key={request.id} class={`follow-up follow-up--${request.priority || 'unknown'}`}>
                <p class="follow-up__reason">
                  <strong>{request.reason}</strong>
                  {request.urgency ? <span class="badge badge--urgency">{request.urgency}</span> : null}
                </p>
                <p class="muted">
                  Asked by {requester(request) || 'a peer'}
                  {request.authoredOn ? ` on ${formatDate(request.authoredOn)}` : ''}
                  {owner(request) ? ` · for ${owner(request)}` : ''}
                </p>
                {request.note ? <p class="follow-up__note">{request.note}</p> : null}
                <div class="follow-up__actions">
                  {request.encounterRef ? (
                    <button
                      type="button"
                      class="secondary"
                      onClick={() => {
                        model.open(request.encounterRef?.split('/')[1]);
                      }}
                    >
                      Open the peer note
                    </button>
                  ) : null}
                  {model.canAcknowledge && !acknowledged ? (
                    <button
                      type="button"
                      class="primary"
                      disabled={state?.kind === 'saving' || state?.kind === 'conflict'}
                      onClick={() => void model.acknowledge(request)}
                    >
                      Acknowledge<span class="visually-hidden"> the request: {request.reason}</span>
                    </button>
                  ) : null}
                </div>
                <AcknowledgeStatus model={model} request={request} />
              </li>
            );
          })}
        </ul>
      )}
      {requests.length > 0 && !model.canAcknowledge ? (
        <p class="muted">
          PeerBridge was not granted permission to update tasks, so requests can be read here but acknowledged
          only in the EHR.
        </p>
      ) : null}
    </section>
  );
}
