import { useEffect, useMemo, useState } from 'preact/hooks';
import type { PatientContext } from '../../domain/patient-context';
import { normalizeErrorMessage } from '../../fhir/fhir-errors';
import { loadPatientContext } from '../../fhir/patient-context-query';
import { personSession } from '../../fhir/person-session';
import type { FhirSession } from '../../fhir/smart-session';
import type { ServerSetup } from '../screen';
import { Workspace } from '../Workspace';

interface PersonDocumentationProps {
  readonly session: FhirSession;
  readonly server: ServerSetup;
  readonly patientId: string;
}

type PersonState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'ready'; readonly context: PatientContext }
  | { readonly kind: 'failed'; readonly message: string };

/**
 * One person opened from the home workspace: a launch context of its own (personSession) and the
 * same screen a chart launch for them gives. Mounted afresh for every opening (the caller keys it),
 * and an answer that arrives after the peer moved on is dropped, so no other person's data can show.
 */
export function PersonDocumentation({ session, server, patientId }: PersonDocumentationProps) {
  const person = useMemo(() => personSession(session, patientId), [session, patientId]);
  const [state, setState] = useState<PersonState>({ kind: 'loading' });
  useEffect(() => {
    let current = true;
    loadPatientContext(person, patientId, {
      capabilities: () => server.capabilities,
      recognition: server.options.peerRecognition,
    }).then(
      (context) => {
        if (current) {
          setState({ kind: 'ready', context });
        }
      },
      (error: unknown) => {
        if (current) {
          setState({ kind: 'failed', message: normalizeErrorMessage(error) });
        }
      },
    );
    return () => {
      current = false;
    };
  }, [person, patientId, server]);
  switch (state.kind) {
    case 'loading':
      return (
        <main class="screen-message">
          <p class="progress" role="status">
            Loading the person’s record…
          </p>
        </main>
      );
    case 'failed':
      return (
        <main class="screen-message">
          <p class="notice" role="alert">
            The person’s record could not be loaded. {state.message}
          </p>
        </main>
      );
    case 'ready':
      return <Workspace launch={person.context} context={state.context} session={person} server={server} />;
  }
}
