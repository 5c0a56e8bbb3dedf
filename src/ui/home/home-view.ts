import type { ComponentType } from 'preact';
import type { SignedInUser } from '../../domain/signed-in-user';
import type { FhirSession } from '../../fhir/smart-session';
import type { ServerSetup } from '../screen';

/** What every screen of a launch without a patient (caseload, review, report) is given. */
export interface HomeViewProps {
  readonly session: FhirSession;
  readonly server: ServerSetup;
  readonly user: SignedInUser;
  /** Opens the documentation screen for one person: a new per-person context, never a reused one. */
  readonly openPerson: (patientId: string) => void;
}

/** One screen of the home workspace, loaded only when its tab is first opened. */
export interface HomeTab {
  readonly id: string;
  /** The tab's label, e.g. "My people". */
  readonly label: string;
  readonly shownTo: (user: SignedInUser) => boolean;
  readonly load: () => Promise<ComponentType<HomeViewProps>>;
}
