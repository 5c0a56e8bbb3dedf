import { useEffect, useMemo, useState } from 'preact/hooks';
import type { CaseloadPerson } from '../../domain/caseload';
import type { PatientContext } from '../../domain/patient-context';
import type { NameDirectory } from '../../domain/person-names';
import { UNNAMED_USER } from '../../domain/signed-in-user';
import { loadCaseload } from '../../fhir/caseload-query';
import { normalizeErrorMessage } from '../../fhir/fhir-errors';
import { loadPeerNote } from '../../fhir/peer-note-query';
import { PeerNoteWriter } from '../../fhir/peer-note-writer';
import type { FhirSession } from '../../fhir/smart-session';
import { sessionLedger, sessionRefusals } from '../../fhir/write-ledger';
import { writePlanSiteFor } from '../../domain/write-plan';
import { ContextPanel } from '../ContextPanel';
import { createDocumentationModel } from '../documentation/documentation-model';
import { DocumentationScreen } from '../documentation/DocumentationScreen';
import { createDraftStore, sessionStorageOrUndefined } from '../documentation/draft-store';
import type { ParticipantsProps } from '../documentation/fields/ContactSection';
import type { ServerSetup } from '../screen';

interface PeerWorkspaceProps {
  session: FhirSession;
  server: ServerSetup;
  context: PatientContext;
  patientId: string;
  directory?: NameDirectory;
}

function wait(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

/** The peer specialist's screen: the note being written, with the person's context beside it. */
export function PeerWorkspace({ session, server, context, patientId, directory }: PeerWorkspaceProps) {
  const user = context.user;
  const model = useMemo(() => {
    // Read once per launch, in the background (start-app began it): the first save needs it.
    const capabilities = server.capabilities;
    const storage = sessionStorageOrUndefined();
    const writer = new PeerNoteWriter(
      session,
      {
        practitioner: user?.practitioner ?? user?.reference ?? '',
        ...(user?.practitionerRole ? { practitionerRole: user.practitionerRole } : {}),
        // Wording such as "Signed-in user" is no name to write into the record.
        ...(user?.name && user.name !== UNNAMED_USER ? { display: user.name } : {}),
        ...(user?.organization ? { organization: user.organization } : {}),
      },
      {
        now: () => new Date(),
        newUuid: () => crypto.randomUUID(),
        capabilities: () => capabilities,
        sleep: wait,
        site: () => writePlanSiteFor(server.options),
        program: () => server.options.program,
        ledger: sessionLedger(storage, session.context.serverUrl),
        refusals: sessionRefusals(storage, session.context.serverUrl),
      },
    );
    const store = createDraftStore(
      { serverUrl: session.context.serverUrl, user: user?.reference ?? '', patientId },
      storage,
    );
    return createDocumentationModel({
      patientId,
      store,
      writer,
      now: () => new Date(),
      newUuid: () => crypto.randomUUID(),
      ...(server.options.program ? { program: server.options.program } : {}),
      ...(server.options.crisisProtocol ? { crisisProtocol: server.options.crisisProtocol } : {}),
    });
  }, [session, server, user, patientId]);

  const [caseload, setCaseload] = useState<{
    people: CaseloadPerson[];
    loading: boolean;
    unavailable: boolean;
  }>({
    people: [],
    loading: false,
    unavailable: false,
  });
  const wantsGroup = model.draft.value.format === 'group';
  useEffect(() => {
    if (!wantsGroup || caseload.loading || caseload.people.length > 0 || caseload.unavailable || !user) {
      return;
    }
    setCaseload({ people: [], loading: true, unavailable: false });
    loadCaseload(session, user.practitioner ?? user.reference, patientId).then(
      (people) => setCaseload({ people, loading: false, unavailable: people.length === 0 }),
      () => setCaseload({ people: [], loading: false, unavailable: true }),
    );
  }, [wantsGroup, caseload, session, user, patientId]);

  const participants: ParticipantsProps = {
    candidates: caseload.people,
    loading: caseload.loading,
    unavailable: caseload.unavailable,
    selected: model.participants.value,
    toggle: (id) => model.toggleParticipant(id),
    newSessionId: () => crypto.randomUUID(),
  };

  const [openProblem, setOpenProblem] = useState('');
  const openPeerContact = (encounterId: string) => {
    // Opening another note replaces the one on screen: never without the peer's say-so. Decided by
    // content: words typed while a save was on its way are not in the record though it says saved.
    if (
      model.unsavedChanges.value &&
      !window.confirm('Replace the note you are writing? Its words are not saved to the record yet.')
    ) {
      return;
    }
    setOpenProblem('');
    server.capabilities
      .then((capabilities) => loadPeerNote(session, capabilities, patientId, encounterId))
      .then(
        (view) => {
          if (!view) {
            setOpenProblem('That note could not be found in the record.');
          } else if (Object.values(view.loaded).includes(false)) {
            // Reopened to be changed: a part left out would be saved back as removed.
            setOpenProblem(
              'The EHR did not return every part of that note, so it cannot be changed here. Open it in the EHR, or try again later.',
            );
          } else {
            model.open(view);
          }
        },
        (error: unknown) => setOpenProblem(normalizeErrorMessage(error)),
      );
  };

  return (
    <div class="role-layout">
      <div class="role-layout__main">
        <DocumentationScreen model={model} context={context} participants={participants} />
      </div>
      <aside class="role-layout__context" aria-label="About this person">
        {openProblem ? (
          <p class="notice" role="alert">
            {openProblem}
          </p>
        ) : null}
        <ContextPanel
          context={context}
          {...(directory ? { names: directory } : {})}
          onOpenPeerContact={openPeerContact}
        />
      </aside>
    </div>
  );
}
