import { useEffect, useRef, useState } from 'preact/hooks';
import type { SignedInUser } from '../../domain/signed-in-user';
import { missingUserReads } from '../../domain/user-level-access';
import { normalizeErrorMessage, SessionExpiredError } from '../../fhir/fhir-errors';
import { loadSignedInUser } from '../../fhir/signed-in-user-query';
import type { FhirSession } from '../../fhir/smart-session';
import { AppHeader } from '../AppHeader';
import { ErrorScreen } from '../ErrorScreen';
import { useLazyComponent } from '../lazy-view';
import type { ServerSetup } from '../screen';
import { HOME_TABS } from './home-tabs';
import { HomeTabs } from './HomeTabs';
import type { HomeTab, HomeViewProps } from './home-view';
import { PersonDocumentation } from './PersonDocumentation';
import './home.css';

interface HomeWorkspaceProps {
  readonly session: FhirSession;
  readonly server: ServerSetup;
}

type UserState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'ready'; readonly user: SignedInUser | undefined }
  | { readonly kind: 'failed'; readonly error: unknown };

/** Which person is open; `opening` counts openings, so each one mounts a fresh documentation screen. */
interface OpenPerson {
  readonly patientId: string;
  readonly opening: number;
}

function LazyTab({ tab, ...props }: HomeViewProps & { tab: HomeTab }) {
  const View = useLazyComponent(tab.load);
  if (View === 'loading') {
    return (
      <p class="progress" role="status">
        Opening {tab.label}…
      </p>
    );
  }
  if (View === 'failed') {
    return (
      <p class="notice" role="alert">
        PeerBridge could not load {tab.label}. Check your connection and reload.
      </p>
    );
  }
  return <View {...props} />;
}

/**
 * The workspace of a launch without a patient: who is signed in, and the screens (tabs) of
 * HOME_TABS shown to them. Opening a person replaces the tabs with that person's documentation
 * screen until the peer goes back; the tabs stay mounted (hidden), so the list keeps its place.
 */
export function HomeWorkspace({ session, server }: HomeWorkspaceProps) {
  const missing = missingUserReads(session.context.grantedScope);
  const [userState, setUserState] = useState<UserState>({ kind: 'loading' });
  const [selected, setSelected] = useState('');
  const [opened, setOpened] = useState<ReadonlySet<string>>(new Set());
  const [person, setPerson] = useState<OpenPerson | undefined>(undefined);
  const openings = useRef(0);
  const back = useRef<HTMLButtonElement>(null);
  const main = useRef<HTMLElement>(null);

  useEffect(() => {
    if (missing.length > 0) {
      return;
    }
    let current = true;
    server.capabilities
      .then((capabilities) => loadSignedInUser(session, capabilities, server.options.peerRecognition))
      .then(
        (user) => current && setUserState({ kind: 'ready', user }),
        (error: unknown) => current && setUserState({ kind: 'failed', error }),
      );
    return () => {
      current = false;
    };
    // One launch, one user: read once.
  }, []);

  const wasOpen = useRef(false);
  useEffect(() => {
    // Focus follows the peer: to "Back" on opening a person, to the list's region on coming back.
    if (person) {
      back.current?.focus();
    } else if (wasOpen.current) {
      main.current?.focus();
    }
    wasOpen.current = person !== undefined;
  }, [person]);

  const { serverUrl } = session.context;
  if (missing.length > 0) {
    return (
      <ErrorScreen
        kind="error"
        title="Your EHR has not given PeerBridge access to your people"
        message={`Opened without a patient, PeerBridge reads at user level, and this EHR did not grant ${missing.join(', ')}. Ask your IT team to grant these scopes to PeerBridge (docs/it lists them), or open PeerBridge from a patient’s chart.`}
        detail={`Granted: ${session.context.grantedScope || 'no scopes'}`}
        relaunchIss={serverUrl}
      />
    );
  }
  if (userState.kind === 'loading') {
    return (
      <main class="screen-message">
        <p class="progress" role="status">
          Finding out who is signed in…
        </p>
      </main>
    );
  }
  if (userState.kind === 'failed') {
    const expired = userState.error instanceof SessionExpiredError;
    return (
      <ErrorScreen
        kind="error"
        title={expired ? 'Your session has ended' : 'PeerBridge could not find out who is signed in'}
        message={normalizeErrorMessage(userState.error)}
        relaunchIss={serverUrl}
      />
    );
  }
  const user = userState.user;
  const tabs = user ? HOME_TABS.filter((tab) => tab.shownTo(user)) : [];
  const first = tabs[0];
  if (!user || !first) {
    return (
      <ErrorScreen
        kind="error"
        title="No patient selected"
        message="The EHR opened PeerBridge without a patient. Open a patient’s chart first, then open PeerBridge from it."
        relaunchIss={serverUrl}
      />
    );
  }
  const current = tabs.find((tab) => tab.id === selected) ?? first;
  const select = (id: string) => {
    setSelected(id);
    setOpened((before) => new Set([...before, id]));
  };
  const openPerson = (patientId: string) => {
    openings.current += 1;
    setPerson({ patientId, opening: openings.current });
  };
  const props: HomeViewProps = { session, server, user, openPerson };
  return (
    <div class="workspace home">
      {person ? (
        <nav class="home-back" aria-label="Back">
          <button type="button" ref={back} onClick={() => setPerson(undefined)}>
            Back to {current.label}
          </button>
        </nav>
      ) : null}
      {person ? (
        <PersonDocumentation
          key={person.opening}
          session={session}
          server={server}
          patientId={person.patientId}
        />
      ) : null}
      <div hidden={person !== undefined}>
        <AppHeader user={user} />
        <main class="workspace__main" ref={main} tabIndex={-1} aria-label="PeerBridge home">
          <h1 class="visually-hidden">PeerBridge</h1>
          <HomeTabs
            tabs={tabs}
            selected={current.id}
            onSelect={select}
            opened={new Set([...opened, current.id])}
            panel={(tab) => <LazyTab tab={tab} {...props} />}
          />
        </main>
      </div>
    </div>
  );
}
