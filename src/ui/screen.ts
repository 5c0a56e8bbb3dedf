import type { PatientContext } from '../domain/patient-context';
import type { IssuerOptions } from '../domain/runtime-config-issuer';
import type { ServerCapabilities } from '../domain/server-capabilities';
import type { FhirSession, LaunchContext } from '../fhir/smart-session';

/** What the app knows about the launching server, gathered once per launch and shared by every view. */
export interface ServerSetup {
  /** The CapabilityStatement's summary: cached per server per browser session, never rejects. */
  readonly capabilities: Promise<ServerCapabilities>;
  /** The launching issuer's entry in peerbridge.config.json (defaults when absent or invalid). */
  readonly options: IssuerOptions;
}

/** What the app page shows; one value at a time, so no screen can half-render another's data. */
export type Screen =
  | { readonly kind: 'loading'; readonly text: string }
  | {
      readonly kind: 'ready';
      readonly launch: LaunchContext;
      readonly context: PatientContext;
      readonly session: FhirSession;
      readonly server: ServerSetup;
    }
  | {
      /** A launch without a patient: the home workspace (its code loads in its own chunk). */
      readonly kind: 'user-level';
      readonly session: FhirSession;
      readonly server: ServerSetup;
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
