import type { PatientContext } from '../domain/patient-context';
import type { FhirSession, LaunchContext } from '../fhir/smart-session';

/** What the app page shows; one value at a time, so no screen can half-render another's data. */
export type Screen =
  | { readonly kind: 'loading'; readonly text: string }
  | {
      readonly kind: 'ready';
      readonly launch: LaunchContext;
      readonly context: PatientContext;
      readonly session: FhirSession;
    }
  | {
      readonly kind: 'error';
      readonly title: string;
      readonly message: string;
      /** Facts for IT, e.g. the error code the EHR sent. */
      readonly detail?: string;
      /** Offer to start a new launch against this FHIR server. */
      readonly relaunchIss?: string;
    };
