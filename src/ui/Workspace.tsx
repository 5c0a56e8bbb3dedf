import type { PatientContext } from '../domain/patient-context';
import type { FhirSession, LaunchContext } from '../fhir/smart-session';
import { ContextPanel } from './ContextPanel';
import { useLazyComponent } from './lazy-view';
import { PatientBanner } from './PatientBanner';

interface WorkspaceProps {
  launch: LaunchContext;
  context: PatientContext;
  session: FhirSession;
}

const loadPeerWorkspace = () => import('./peer/PeerWorkspace').then((module) => module.PeerWorkspace);
const loadClinicianWorkspace = () =>
  import('./clinician/ClinicianWorkspace').then((module) => module.ClinicianWorkspace);

function PeerView({
  session,
  context,
  patientId,
}: {
  session: FhirSession;
  context: PatientContext;
  patientId: string;
}) {
  const PeerWorkspace = useLazyComponent(loadPeerWorkspace);
  if (PeerWorkspace === 'loading') {
    return (
      <p class="progress" role="status">
        Opening the note…
      </p>
    );
  }
  if (PeerWorkspace === 'failed') {
    return (
      <p class="notice" role="alert">
        PeerBridge could not load the note form. Check your connection and reload.
      </p>
    );
  }
  return <PeerWorkspace session={session} context={context} patientId={patientId} />;
}

function ClinicianView({
  session,
  context,
  patientId,
}: {
  session: FhirSession;
  context: PatientContext;
  patientId: string;
}) {
  const ClinicianWorkspace = useLazyComponent(loadClinicianWorkspace);
  if (ClinicianWorkspace === 'loading') {
    return (
      <p class="progress" role="status">
        Opening the timeline…
      </p>
    );
  }
  if (ClinicianWorkspace === 'failed') {
    return (
      <>
        <p class="notice" role="alert">
          PeerBridge could not load the timeline. Check your connection and reload.
        </p>
        <ContextPanel context={context} />
      </>
    );
  }
  return <ClinicianWorkspace session={session} context={context} patientId={patientId} />;
}

function roleName(context: PatientContext): string {
  if (!context.user) {
    return '';
  }
  return context.user.role.kind === 'peer' ? 'Peer specialist' : 'Clinician';
}

export function Workspace({ launch, context, session }: WorkspaceProps) {
  const user = context.user;
  return (
    <div class="workspace">
      <header class="app-header">
        <span class="app-header__brand">PeerBridge</span>
        {user ? (
          <div class="app-header__user" role="group" aria-label="Signed in">
            <span class="user-name">{user.name}</span>
            <span class={`role-badge role-badge--${user.role.kind}`}>{roleName(context)}</span>
            {user.role.label ? <span class="muted"> · {user.role.label}</span> : null}
          </div>
        ) : null}
      </header>
      <main class="workspace__main" aria-label="Peer support">
        {launch.needPatientBanner && context.patient ? <PatientBanner patient={context.patient} /> : null}
        {context.unavailable.includes('patient') ? (
          <p class="notice" role="status">
            The EHR did not share this patient’s details with PeerBridge.
          </p>
        ) : null}
        <h1 class="visually-hidden">Peer support for this patient</h1>
        {user?.role.kind === 'peer' && launch.patientId ? (
          <PeerView session={session} context={context} patientId={launch.patientId} />
        ) : null}
        {user?.role.kind !== 'peer' && launch.patientId ? (
          <ClinicianView session={session} context={context} patientId={launch.patientId} />
        ) : null}
        {launch.patientId ? null : <ContextPanel context={context} />}
      </main>
    </div>
  );
}
