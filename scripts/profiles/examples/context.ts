import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeSystem, Coding, Identifier, Reference } from 'fhir/r4';
import { PACKAGE_DIR } from '../paths';
import { BASE, codeSystemUrl, profileUrl } from '../definitions/canonical';

/**
 * The one synthetic contact every example describes: Alex Rivera (peer specialist) met Maria
 * Santos by video on 9 March 2026. People and goals are the sandbox seed's, so examples can be
 * loaded next to it. Built as functions of the references, so the standalone examples (literal
 * references) and the transaction Bundle (urn:uuid references) are the same resources.
 */
export const DRAFT_ID = '3f8e2b4a-5c1d-4e7f-9a2b-6c8d0e1f2a3b';
export const START = '2026-03-09T14:00:00-05:00';
export const END = '2026-03-09T14:45:00-05:00';
export const NOW = '2026-03-09T20:05:00Z';

export const PATIENT: Reference = { reference: 'Patient/pt-maria-santos', display: 'Maria Santos' };
export const AUTHOR: Reference = { reference: 'PractitionerRole/role-alex-rivera', display: 'Alex Rivera' };
/** The signed-in user a clinical note names as author (a Practitioner, as Oracle Health requires). */
export const AUTHOR_PRACTITIONER: Reference = {
  reference: 'Practitioner/pr-alex-rivera',
  display: 'Alex Rivera',
};
export const ORGANIZATION: Reference = { reference: 'Organization/org-riverside' };
export const CLINICIAN: Reference = { reference: 'Practitioner/pr-sam-okafor', display: 'Dr. Sam Okafor' };
export const EXISTING_GOAL: Reference = {
  reference: 'Goal/goal-maria-santos-choir',
  display: 'Get back to my Sunday choir',
};
export const NEW_GOAL_KEY = 'new-1';

export const RESOURCE_KEY_SYSTEM = `${BASE}/sid/resource-key`;

export function resourceKey(suffix: string): Identifier[] {
  return [{ system: RESOURCE_KEY_SYSTEM, value: `${DRAFT_ID}:${suffix}` }];
}

/** A coding from one of our CodeSystems, display included; an unknown code fails the build. */
export function ours(codeSystem: string, code: string): Coding {
  const file = join(PACKAGE_DIR, `CodeSystem-${codeSystem}.json`);
  const cs = JSON.parse(readFileSync(file, 'utf8')) as CodeSystem;
  const concept = cs.concept?.find((c) => c.code === code);
  if (!concept) {
    throw new Error(`Code ${code} is not in ${file}; use a code the CodeSystem defines.`);
  }
  return {
    system: codeSystemUrl(codeSystem),
    code,
    ...(concept.display ? { display: concept.display } : {}),
  };
}

export function metaFor(profile?: string): { profile?: string[]; security: Coding[] } {
  return {
    ...(profile ? { profile: [profileUrl(profile)] } : {}),
    // Organisation policy here: behavioural-health notes are restricted.
    security: [
      {
        system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality',
        code: 'R',
        display: 'restricted',
      },
      {
        system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
        code: 'BH',
        display: 'behavioral health information sensitivity',
      },
    ],
  };
}

/** What a resource refers to: literal ids in standalone examples, urn:uuids in the Bundle. */
export interface ExampleRefs {
  readonly encounter: Reference;
  readonly newGoal: Reference;
}
