import { useEffect, useMemo } from 'preact/hooks';
import type { PatientContext } from '../../domain/patient-context';
import { isVisibleToClinician, peerRoleOf } from '../../domain/timeline-filter';
import { acknowledgeFollowUp } from '../../fhir/follow-up-acknowledgement';
import { loadHistory, loadOlderHistory } from '../../fhir/patient-history-query';
import type { FhirSession } from '../../fhir/smart-session';
import { ContextPanel } from '../ContextPanel';
import type { NameDirectory } from '../../domain/person-names';
import type { NamesModel } from '../names-model';
import type { ServerSetup } from '../screen';
import { createClinicianModel, type ClinicianModel } from './clinician-model';
import { FollowUpList } from './FollowUpList';
import { NoteDetail } from './NoteDetail';
import { TimelineFilters } from './TimelineFilters';
import { TimelineList } from './TimelineList';
import { TrendChart } from './TrendChart';
import './clinician.css';

interface ClinicianWorkspaceProps {
  session: FhirSession;
  server: ServerSetup;
  context: PatientContext;
  patientId: string;
  names?: NamesModel;
  directory?: NameDirectory;
}

function TimelineSection({ model }: { model: ClinicianModel }) {
  const load = model.load.value;
  const timeline = model.timeline.value;
  const recent = model.recent.value;
  const more = model.nextUrl.value !== undefined || model.notesNextUrl.value !== undefined;
  return (
    <section class="clinician-section" aria-labelledby="timeline-title">
      <h2 id="timeline-title">Timeline of care</h2>
      <p class="timeline-summary" aria-live="polite">
        {model.loaded.value ? recent.summary : 'Loading the history…'}
        {model.loaded.value && !model.periodCovered.value ? ' (in the history loaded so far)' : ''}
      </p>
      <TimelineFilters model={model} />
      {model.loaded.value && !model.notesLoaded.value ? (
        <p class="notice" role="status">
          Clinical notes: not loaded from the EHR, so peer work kept only as notes may be missing here. Open
          the chart’s notes in the EHR, or ask IT to grant PeerBridge DocumentReference read.
        </p>
      ) : null}
      {model.loaded.value && timeline.items.length === 0 ? (
        <p class="muted">No encounters match these filters in the history loaded so far.</p>
      ) : null}
      {timeline.items.length > 0 ? (
        <TimelineList
          timeline={timeline}
          roles={model.roles.value}
          onOpen={(id) => {
            model.open(id);
          }}
          onNearEnd={() => void model.loadOlder()}
        />
      ) : null}
      <div class="timeline-more">
        {load.kind === 'loading' ? (
          <p class="progress" role="status">
            Loading history…
          </p>
        ) : null}
        {load.kind === 'failed' ? (
          <p class="notice" role="alert">
            {load.message}
          </p>
        ) : null}
        {model.loaded.value && more && load.kind !== 'loading' ? (
          <button type="button" class="secondary" onClick={() => void model.loadOlder()}>
            Load older history
          </button>
        ) : null}
        {load.kind === 'failed' && !model.loaded.value ? (
          <button type="button" class="secondary" onClick={() => void model.loadFirst()}>
            Try again
          </button>
        ) : null}
        {model.loaded.value && !more ? <p class="muted">This is the whole history the EHR shared.</p> : null}
      </div>
    </section>
  );
}

/**
 * The clinician's screen: what peers asked them to follow up on first, then the person's care on one
 * timeline, a note opened from it, and the trends. Read-only apart from acknowledging a follow-up.
 */
export function ClinicianWorkspace({
  session,
  server,
  context,
  patientId,
  names,
  directory,
}: ClinicianWorkspaceProps) {
  const model = useMemo(() => {
    const history = { session, capabilities: () => server.capabilities, patientId };
    return createClinicianModel({
      source: {
        loadHistory: () => loadHistory(history),
        loadOlder: (next) => loadOlderHistory(history, next),
        acknowledge: (task) => acknowledgeFollowUp(session, task, new Date()),
      },
      followUps: context.followUps,
      grantedScope: session.context.grantedScope,
      now: () => new Date(),
      ...(names ? { names } : {}),
    });
  }, [session, server, context, patientId, names]);
  useEffect(() => {
    void model.loadFirst();
  }, [model]);
  useEffect(() => {
    if (directory) {
      model.setNames(directory);
    }
  }, [directory, model]);

  // The context panel lists recent peer contacts: a clinician sees only signed notes there too.
  const clinicianContext = useMemo(
    () => ({ ...context, peerContacts: context.peerContacts.filter((e) => isVisibleToClinician(e, false)) }),
    [context],
  );
  const opened = model.opened.value;
  const openedEncounter = opened
    ? model.encounters.value.find((e) => e.id === opened.encounterId)
    : undefined;
  return (
    <div class="clinician">
      <FollowUpList model={model} />
      <div class="role-layout">
        <div class="role-layout__main">
          <TimelineSection model={model} />
          {opened ? (
            <NoteDetail
              view={opened}
              role={openedEncounter ? peerRoleOf(openedEncounter, model.roles.value) : ''}
              {...(model.openedNote.value ? { fullText: model.openedNote.value.text } : {})}
              names={model.names.value}
              onClose={() => {
                model.open(undefined);
              }}
            />
          ) : null}
          {model.openedId.value && !opened && model.loaded.value ? (
            <p class="notice" role="status">
              That note is not in the history loaded so far. Load older history, then open it from the
              timeline.
            </p>
          ) : null}
          <TrendChart trends={model.trends.value} />
        </div>
        <aside class="role-layout__context" aria-label="Patient context">
          <ContextPanel context={clinicianContext} names={model.names.value} />
        </aside>
      </div>
    </div>
  );
}
