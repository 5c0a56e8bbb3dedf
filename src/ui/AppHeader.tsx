import type { SignedInUser } from '../domain/signed-in-user';
import type { UserKind } from '../domain/user-role';

const ROLE_NAMES: Readonly<Record<UserKind, string>> = {
  peer: 'Peer specialist',
  supervisor: 'Supervisor',
  clinician: 'Clinician',
};

/**
 * PeerBridge's header: who is signed in and in which role, on every screen of a launch. `name`
 * replaces the user's name once it is resolved later (an EHR that sent no display).
 */
export function AppHeader({ user, name }: { user: SignedInUser | undefined; name?: string }) {
  return (
    <header class="app-header">
      <span class="app-header__brand">PeerBridge</span>
      {user ? (
        <div class="app-header__user" role="group" aria-label="Signed in">
          <span class="user-name">{name || user.name}</span>
          <span class={`role-badge role-badge--${user.role.kind}`}>{ROLE_NAMES[user.role.kind]}</span>
          {user.role.label ? <span class="muted"> · {user.role.label}</span> : null}
        </div>
      ) : null}
    </header>
  );
}
