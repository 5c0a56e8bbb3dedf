import type { DocumentReference, FhirResource, Observation, OperationOutcome, Resource } from 'fhir/r4';
import type { Interaction } from '../fhir/interactions';
import { requireResource } from '../fhir/operations';
import { OperationOutcomeError, fhirError } from '../fhir/outcomes';
import type { Personality, PolicyContext } from './policy';
import { requireListed, vendorCapabilityStatement } from './vendor-statement';
import { asBody, asList, codesOf, referenceType, unprocessable } from './write-rules';

const VENDOR = 'Epic';
const OBSERVATION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';
/** Epic's OperationOutcome code system, as Epic's responses carry it (see mocks/sandbox/README.md). */
const EPIC_OUTCOME_SYSTEM = 'urn:oid:1.2.840.114350.1.13.0.1.7.2.657369';
const EPIC_CODES: Record<number, { code: string; display: string }> = {
  400: { code: '4100', display: 'The resource request contained an invalid parameter.' },
  403: { code: '4118', display: 'User not authorized for request.' },
};
/** Clinical Notes attachments (assumed): plain text or HTML, sent inline. */
const NOTE_CONTENT_TYPES = new Set(['text/plain', 'text/html']);

/**
 * Epic (R4), as its public sandbox's CapabilityStatement lists it and as EHR-VENDORS.md summarises its
 * write APIs: Encounter, Goal, Task, Provenance not creatable; Observation create for vital signs only;
 * DocumentReference create for clinical notes; no batch, transaction or conditional create; only listed
 * search parameters. Each rule and its source: mocks/sandbox/README.md.
 */
export const EPIC: Personality = {
  name: 'epic',
  description: 'Epic (R4): its published resources and search parameters, clinical notes as the write path',
  scopes: { versions: [1, 2], wildcards: true },
  writeAnswer: { body: 'empty', location: 'versioned' },
  capabilityStatement: (own, baseUrl) => vendorCapabilityStatement('epic.capability.json', own, baseUrl),
  smartConfiguration: (own) => own,
  async admit(interaction, context) {
    requireListed(context.statement, interaction, VENDOR);
    return admitWrite(interaction, context);
  },
  refusal(error) {
    const known = EPIC_CODES[error.status];
    const issue = error.outcome.issue[0];
    const text = issue?.diagnostics ?? error.message;
    const outcome: OperationOutcome = {
      resourceType: 'OperationOutcome',
      issue: [
        {
          severity: error.status >= 500 || error.status === 400 ? 'fatal' : 'error',
          code: issue?.code ?? 'processing',
          details: {
            ...(known ? { coding: [{ system: EPIC_OUTCOME_SYSTEM, ...known }] } : {}),
            text: known?.display ?? text,
          },
          diagnostics: text,
        },
      ],
    };
    return new OperationOutcomeError(outcome, { status: error.status });
  },
};

async function admitWrite(interaction: Interaction, context: PolicyContext): Promise<Interaction> {
  if (interaction.kind === 'create') {
    const resource = requireResource(interaction.body, interaction.resourceType);
    checkCreate(resource);
    // Conditional create is not documented for Epic: If-None-Exist is ignored and a plain create happens.
    return { ...interaction, ifNoneExist: undefined };
  }
  if (interaction.kind === 'update' && interaction.resourceType === 'DocumentReference') {
    const stored = await context.operations.engine.readIfExists('DocumentReference', interaction.id);
    checkNoteUpdate(requireResource(interaction.body, 'DocumentReference'), stored);
  }
  return interaction;
}

function checkCreate(resource: Resource): void {
  switch (resource.resourceType) {
    case 'Observation':
      if (
        !asList((resource as Observation).category).some((c) =>
          codesOf(c, OBSERVATION_CATEGORY).includes('vital-signs'),
        )
      ) {
        throw unprocessable(
          `${VENDOR} files Observations from apps only as vital signs (flowsheet rows): category vital-signs.`,
        );
      }
      return;
    case 'DocumentReference':
      checkNote(resource as DocumentReference);
      return;
    case 'QuestionnaireResponse':
      // Epic's statement lists create, but it files responses only to questionnaires it assigned
      // itself (shared/EHR-VENDORS.md), never to an app's own Questionnaire.
      throw unprocessable(
        `${VENDOR} files QuestionnaireResponses only for questionnaires ${VENDOR} assigned; PeerBridge's instruments stay in the clinical note.`,
      );
    case 'Communication':
      throw unprocessable(
        `${VENDOR} accepts Communication from apps only as community-resource referral messages; send the message from the EHR's inbox.`,
      );
    default:
      return;
  }
}

function checkNote(note: DocumentReference): void {
  const status = asBody(note).status;
  if (status !== 'current') {
    throw unprocessable(
      `A clinical note must have status current, not ${typeof status === 'string' ? status : 'none'}.`,
    );
  }
  if (note.docStatus !== 'final' && note.docStatus !== 'preliminary') {
    throw unprocessable(
      `A clinical note's docStatus must be final or preliminary, not ${note.docStatus ?? 'none'}.`,
    );
  }
  if (referenceType(note.subject) !== 'Patient') {
    throw unprocessable('A clinical note must have a Patient as its subject.');
  }
  if (codesOf(note.type).length === 0) {
    throw unprocessable('A clinical note needs a type (a LOINC note type).');
  }
  const [content, ...more] = note.content;
  const attachment = asBody(content?.attachment);
  const mime =
    typeof attachment.contentType === 'string' ? attachment.contentType.split(';', 1)[0]?.trim() : '';
  if (
    !content ||
    more.length > 0 ||
    !NOTE_CONTENT_TYPES.has(mime ?? '') ||
    typeof attachment.data !== 'string'
  ) {
    throw unprocessable(
      'A clinical note needs exactly one attachment with contentType text/plain or text/html and its data inline.',
    );
  }
}

/** Notes can be changed only while they are preliminary; a signed note is amended by a new one. */
function checkNoteUpdate(note: Resource, stored: Resource | undefined): void {
  const before = stored as FhirResource | undefined;
  if (before?.resourceType !== 'DocumentReference') {
    throw fhirError(404, 'not-found', `There is no DocumentReference ${note.id ?? ''} to update.`);
  }
  if (before.docStatus !== 'preliminary') {
    throw unprocessable(
      `${VENDOR} changes a note only while it is preliminary; write a new note that replaces it (relatesTo).`,
    );
  }
  checkNote(note as DocumentReference);
}
