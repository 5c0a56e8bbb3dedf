/** Sensitivity <-> meta.security labels (HL7 DS4P; ValueSet peer-security-labels). */
import type { Coding } from 'fhir/r4';
import { PART2_LABEL, RESTRICTED_LABEL, SECURITY_LABELS, type Sensitivity } from './codes';

export function securityLabelsFor(sensitivity: Sensitivity): Coding[] {
  return SECURITY_LABELS[sensitivity].slice();
}

function has(labels: readonly Coding[], label: Coding): boolean {
  return labels.some((c) => c.system === label.system && c.code === label.code);
}

const RESTRICTED_SENSITIVITY = SECURITY_LABELS.restricted;

/**
 * The sensitivity a resource's labels express. Part 2 wins over anything else; labels we do not know
 * (another system's policy) never make a note look less sensitive than `normal`.
 */
export function sensitivityOfLabels(labels: unknown): Sensitivity {
  if (!Array.isArray(labels)) {
    return 'normal';
  }
  const codings = labels.filter((c): c is Coding => typeof c === 'object' && c !== null);
  if (has(codings, PART2_LABEL)) {
    return 'part2';
  }
  if (has(codings, RESTRICTED_LABEL) || RESTRICTED_SENSITIVITY.some((label) => has(codings, label))) {
    return 'restricted';
  }
  return 'normal';
}
