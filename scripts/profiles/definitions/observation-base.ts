import type { CodeableConcept, ElementDefinition, ElementDefinitionConstraint } from 'fhir/r4';
import { HL7, codeSystemUrl } from './canonical';
import { codingPattern, el, invariant, mustSupport, profile, ref, slicedByPattern } from './elements';

export const OBSERVATION_TYPE = codeSystemUrl('peer-observation-type');
const CATEGORY = codeSystemUrl('peer-support-category');

const US_CORE_NOTE =
  'Compatible with US Core Observation shapes (status, category, code, subject, effective and value are must-support; category is sliced so US Core’s own slices still fit), without depending on the US Core package.';

export interface PeerObservationSpec {
  readonly id: string;
  readonly name: string;
  readonly title: string;
  readonly description: string;
  /**
   * `survey` for scored instruments only. What a peer records about a contact (activities, progress,
   * response, narrative, follow-up) carries PeerBridge's own category alone: no HL7 category fits it,
   * and `social-history` would file it into the social-history section of summaries
   * (docs/decisions/0014-observation-categories.md).
   */
  readonly hl7Category?: 'survey';
  /** A fixed code, or a binding plus the elements that constrain it. */
  readonly code: CodeableConcept | ElementDefinition;
  readonly focusGoal?: boolean;
  /** value[x] (and its sub-elements), note, component… in base order. */
  readonly valueElements: readonly ElementDefinition[];
  readonly afterValue?: readonly ElementDefinition[];
  readonly constraints?: readonly ElementDefinitionConstraint[];
}

export const observationCode = (code: string): CodeableConcept => codingPattern(OBSERVATION_TYPE, code);

const sharedConstraints: readonly ElementDefinitionConstraint[] = [
  invariant(
    'pbo-1',
    'status is preliminary, final, amended or entered-in-error',
    "status = 'preliminary' or status = 'final' or status = 'amended' or status = 'entered-in-error'",
  ),
  invariant(
    'pbo-2',
    'Observation value present unless status is entered-in-error',
    "status = 'entered-in-error' or value.exists()",
  ),
];

function codeElement(code: PeerObservationSpec['code']): ElementDefinition {
  if ('path' in code) {
    return code;
  }
  return mustSupport('Observation.code', { patternCodeableConcept: code });
}

/**
 * Every peer Observation has the same skeleton (the "all:" paragraph of docs/fhir-model.md);
 * the profiles differ in code, value and components.
 */
export function peerObservation(spec: PeerObservationSpec): ReturnType<typeof profile> {
  return profile({
    id: spec.id,
    name: spec.name,
    title: spec.title,
    description: `${spec.description} ${US_CORE_NOTE}`,
    type: 'Observation',
    kind: 'resource',
    elements: [
      el('Observation', { constraint: [...sharedConstraints, ...(spec.constraints ?? [])] }),
      mustSupport('Observation.meta'),
      mustSupport('Observation.meta.profile'),
      mustSupport('Observation.meta.security', { short: 'Sensitivity labels, as on the Encounter' }),
      mustSupport('Observation.identifier', { min: 1, short: 'PeerBridge resource key' }),
      mustSupport('Observation.status', {
        short: 'preliminary (draft) | final | amended | entered-in-error',
      }),
      slicedByPattern('Observation.category', { min: spec.hl7Category ? 2 : 1 }),
      mustSupport('Observation.category:peerSupport', {
        sliceName: 'peerSupport',
        min: 1,
        max: '1',
        patternCodeableConcept: codingPattern(CATEGORY, 'peer-support'),
      }),
      ...(spec.hl7Category
        ? [
            mustSupport(`Observation.category:${spec.hl7Category}`, {
              sliceName: spec.hl7Category,
              min: 1,
              max: '1',
              patternCodeableConcept: codingPattern(HL7.observationCategory, spec.hl7Category),
            }),
          ]
        : []),
      codeElement(spec.code),
      mustSupport('Observation.subject', { min: 1, type: ref('Patient') }),
      ...(spec.focusGoal
        ? [mustSupport('Observation.focus', { min: 1, max: '1', type: ref('Goal'), short: 'The Goal' })]
        : []),
      mustSupport('Observation.encounter', {
        min: 1,
        type: ref('Encounter'),
        short: 'The PeerSupportEncounter',
      }),
      mustSupport('Observation.effective[x]', {
        min: 1,
        type: [{ code: 'dateTime' }],
        short: 'The encounter start',
      }),
      mustSupport('Observation.issued'),
      mustSupport('Observation.performer', {
        min: 1,
        type: ref('PractitionerRole', 'Practitioner'),
        short: 'The peer who wrote it',
      }),
      ...spec.valueElements,
      ...(spec.afterValue ?? []),
    ],
  });
}
