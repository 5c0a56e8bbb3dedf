import type { ComponentChildren, ComponentType } from 'preact';
import type { PatientContext } from '../domain/patient-context';
import type { FhirSession, LaunchContext } from '../fhir/smart-session';
import type { ServerSetup } from './screen';
import { AppHeader } from './AppHeader';
import { ContextPanel } from './ContextPanel';
import { useLazyComponent } from './lazy-view';
import { PatientBanner } from './PatientBanner';

interface WorkspaceProps {
  launch: LaunchContext;
  context: PatientContext;
  session: FhirSession;
  server: ServerSetup;
}

interface RoleViewProps {
  session: FhirSession;
  server: ServerSetup;
  context: PatientContext;
  patientId: string;
}

const loadPeerWorkspace = () => import('./peer/PeerWorkspace').then((module) => module.PeerWorkspace);
const loadClinicianWorkspace = () =>
  import('./clinician/ClinicianWorkspace').then((module) => module.ClinicianWorkspace);

interface LazyRoleViewProps extends RoleViewProps {
  load: () => Promise<ComponentType<RoleViewProps>>;
  /** What is being opened, in the words of the progress and failure messages. */
  what: string;
  /** Shown under the failure message, so the person still sees something useful. */
  fallback?: ComponentChildren;
}

function LazyRoleView({ load, what, fallback, ...props }: LazyRoleViewProps) {
  const View = useLazyComponent(load);
  if (View === 'loading') {
    return (
      <p class="progress" role="status">
        Opening the {what}…
      </p>
    );
  }
  if (View === 'failed') {
    return (
      <>
        <p class="notice" role="alert">
          PeerBridge could not load the {what}. Check your connection and reload.
        </p>
        {fallback}
      </>
    );
  }
  return <View {...props} />;
}

export function Workspace({ launch, context, session, server }: WorkspaceProps) {
  const user = context.user;
  return (
    <div class="workspace">
      <AppHeader user={user} />
      <main class="workspace__main" aria-label="Peer support">
        {launch.needPatientBanner && context.patient ? <PatientBanner patient={context.patient} /> : null}
        {context.unavailable.includes('patient') ? (
          <p class="notice" role="status">
            The EHR did not share this patient’s details with PeerBridge.
          </p>
        ) : null}
        <h1 class="visually-hidden">Peer support for this patient</h1>
        {user?.role.kind === 'peer' && launch.patientId ? (
          <LazyRoleView
            load={loadPeerWorkspace}
            what="note form"
            session={session}
            server={server}
            context={context}
            patientId={launch.patientId}
          />
        ) : null}
        {/* Supervisors read a chart like clinicians: they review notes, they never edit a peer's words. */}
        {user?.role.kind !== 'peer' && launch.patientId ? (
          <LazyRoleView
            load={loadClinicianWorkspace}
            what="timeline"
            fallback={<ContextPanel context={context} />}
            session={session}
            server={server}
            context={context}
            patientId={launch.patientId}
          />
        ) : null}
        {launch.patientId ? null : <ContextPanel context={context} />}
      </main>
    </div>
  );
}
