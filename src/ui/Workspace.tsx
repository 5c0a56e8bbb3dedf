import type { PatientContext } from '../domain/patient-context';
import type { LaunchContext } from '../fhir/smart-session';
import { ContextPanel } from './ContextPanel';
import { PatientBanner } from './PatientBanner';

interface WorkspaceProps {
  launch: LaunchContext;
  context: PatientContext;
}

function roleName(context: PatientContext): string {
  if (!context.user) {
    return '';
  }
  return context.user.role.kind === 'peer' ? 'Peer specialist' : 'Clinician';
}

export function Workspace({ launch, context }: WorkspaceProps) {
  const user = context.user;
  return (
    <div class="workspace">
      <header class="app-header">
        <span class="app-header__brand">PeerBridge</span>
        {user ? (
          <p class="app-header__user" aria-label="Signed in">
            <span class="user-name">{user.name}</span>
            <span class={`role-badge role-badge--${user.role.kind}`}>{roleName(context)}</span>
            {user.role.label ? <span class="muted"> · {user.role.label}</span> : null}
          </p>
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
        <ContextPanel context={context} />
      </main>
    </div>
  );
}
