import type { Patient } from 'fhir/r4';
import { formatDate, formatHumanName } from '../../domain/format';

/**
 * The person a note is for, in the words the form and its confirmations use: name and birth date.
 * Inside an EHR that shows its own banner (`need_patient_banner` false) PeerBridge shows none, so
 * this line is what tells a peer whose chart they are writing in. Total: a Patient the EHR did not
 * share still gets words, never an empty string.
 */
export function formatPersonNamed(patient: Patient | undefined): string {
  const name = formatHumanName(patient?.name);
  const born = formatDate(patient?.birthDate);
  if (!name) {
    return 'the patient the EHR opened (it did not share their name)';
  }
  return born ? `${name}, born ${born}` : `${name} (no birth date on record)`;
}
