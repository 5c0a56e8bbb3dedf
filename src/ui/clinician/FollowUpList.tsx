import { formatDate } from '../../domain/format';
import { splitUrgentSafety } from '../../domain/follow-up-order';
import type { FollowUpRequest, FollowUpSource } from '../../domain/follow-up-requests';
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

/** Where a request without a Task came from: it has no status PeerBridge can set. */
const CAME_AS: Readonly<Record<Exclude<FollowUpSource, 'task'>, string>> = {
  observation: 'This request is recorded as an observation of the peer’s note',
  communication: 'This request was sent as a message to the clinician’s EHR inbox',
  note: 'This request is written only in the peer’s clinical note',
};

function noteToOpen(request: FollowUpRequest): string | undefined {
  return request.noteRef ?? request.encounterRef?.split('/')[1];
}

function FollowUpBody({ model, request }: { model: ClinicianModel; request: FollowUpRequest }) {
  const names = model.names.value;
  // Read when the list was built, or later from the names read in the background.
  const requester = personName(names, request.requesterReference) ?? request.requester;
  const owner = personName(names, request.ownerReference) ?? request.owner;
  const state = model.acknowledgements.value.get(request.id);
  const acknowledged = state?.kind === 'done';
  const toOpen = noteToOpen(request);
  return (
    <>
      {request.safety && request.safety.length > 0 ? (
        <ul class="follow-up__safety">
          {request.safety.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : null}
      <p class="muted">
        Asked by {requester || 'a peer'}
        {request.authoredOn ? ` on ${formatDate(request.authoredOn)}` : ''}
        {owner ? ` · for ${owner}` : ''}
      </p>
      {request.note ? <p class="follow-up__note">{request.note}</p> : null}
      <div class="follow-up__actions">
        {toOpen ? (
          <button
            type="button"
            class="secondary"
            onClick={() => {
              model.open(toOpen);
            }}
          >
            Open the peer note
          </button>
        ) : null}
        {request.task && model.canAcknowledge && !acknowledged ? (
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
      {request.source !== 'task' ? (
        <p class="muted">
          {CAME_AS[request.source]}, so PeerBridge cannot mark it seen: acknowledge it in the EHR.
        </p>
      ) : null}
      <AcknowledgeStatus model={model} request={request} />
    </>
  );
}

/**
 * A safety concern asked for urgently: above every other request, in words (what the peer saw, who
 * asked and when) and with its acknowledgement, calm rather than alarming: no colour carries meaning
 * that the text does not say, and nothing blocks the rest of the screen.
 */
function SafetyNotice({ model, request }: { model: ClinicianModel; request: FollowUpRequest }) {
  const title = `safety-notice-${request.id.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  return (
    <article class="safety-notice" aria-labelledby={title}>
      <h3 id={title} class="safety-notice__title">
        {request.reason}
        {request.urgency ? ` · ${request.urgency}` : ''}
      </h3>
      <p class="safety-notice__lead">
        A peer asked for a clinician to follow up on this person’s safety. Please review it first.
      </p>
      <FollowUpBody model={model} request={request} />
    </article>
  );
}

/** Open follow-up requests from peers, first on the clinician's screen; urgent safety concerns first of all. */
export function FollowUpList({ model }: { model: ClinicianModel }) {
  const { urgentSafety, others } = splitUrgentSafety(model.requests.value);
  const any = urgentSafety.length + others.length > 0;
  const anyTask = [...urgentSafety, ...others].some((r) => r.task);
  return (
    <section class="clinician-section follow-ups" aria-labelledby="follow-ups-title">
      <h2 id="follow-ups-title">Follow-ups requested by peers</h2>
      {urgentSafety.map((request) => (
        <SafetyNotice key={request.id} model={model} request={request} />
      ))}
      {!any ? <p class="muted">No open follow-up requests.</p> : null}
      {others.length > 0 ? (
        <ul class="follow-up-list">
          {others.map((request) => (
            <li key={request.id} class={`follow-up follow-up--${request.priority || 'unknown'}`}>
              <p class="follow-up__reason">
                <strong>{request.reason}</strong>
                {request.urgency ? <span class="badge badge--urgency">{request.urgency}</span> : null}
              </p>
              <FollowUpBody model={model} request={request} />
            </li>
          ))}
        </ul>
      ) : null}
      {anyTask && !model.canAcknowledge ? (
        <p class="muted">
          PeerBridge was not granted permission to update tasks, so requests can be read here but acknowledged
          only in the EHR.
        </p>
      ) : null}
    </section>
  );
}
