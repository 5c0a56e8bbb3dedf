import type { ComponentChildren, ComponentType } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { PatientContext } from '../domain/patient-context';
import { personName, type NameDirectory } from '../domain/person-names';
import type { FhirSession, LaunchContext } from '../fhir/smart-session';
import type { ServerSetup } from './screen';
import { AppHeader } from './AppHeader';
import { ContextPanel } from './ContextPanel';
import { useLazyComponent } from './lazy-view';
import { createNamesModel, type NamesModel } from './names-model';
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
  /** Names read after the first screen; the role views add what their own reads bring. */
  names: NamesModel;
  /** The names known now (re-rendered as names arrive). */
  directory: NameDirectory;
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
  const names = useMemo(
    () =>
      createNamesModel(context.names, async (directory, asked) => {
        // A chunk of its own: names are read after the first paint, so the shell need not carry it.
        const { readMissingNames } = await import('../fhir/person-names-query');
        return readMissingNames(session, await server.capabilities, directory, asked);
      }),
    [context, session, server],
  );
  const [directory, setDirectory] = useState(names.current());
  useEffect(() => {
    setDirectory(names.current());
    const unsubscribe = names.subscribe(setDirectory);
    void names.fill();
    return unsubscribe;
  }, [names]);
  const userName = user
    ? (personName(directory, { reference: user.practitioner ?? user.reference }) ?? user.name)
    : '';
  return (
    <div class="workspace">
      <AppHeader user={user} name={userName} />
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
            names={names}
            directory={directory}
          />
        ) : null}
        {/* Supervisors read a chart like clinicians: they review notes, they never edit a peer's words. */}
        {user?.role.kind !== 'peer' && launch.patientId ? (
          <LazyRoleView
            load={loadClinicianWorkspace}
            what="timeline"
            fallback={<ContextPanel context={context} names={directory} />}
            session={session}
            server={server}
            context={context}
            patientId={launch.patientId}
            names={names}
            directory={directory}
          />
        ) : null}
        {launch.patientId ? null : <ContextPanel context={context} names={directory} />}
      </main>
    </div>
  );
}
