import type { Encounter, Extension } from 'fhir/r4';
import type { Interaction } from '../fhir/interactions';
import { parseInteraction } from '../fhir/interactions';
import type { FhirResult } from '../fhir/operations';
import { requireResource } from '../fhir/operations';
import { fhirError, notFound } from '../fhir/outcomes';
import { checkOracleCreate, checkOracleUpdate, VENDOR } from './oracle-writes';
import type { Personality, PolicyContext, RawRequest } from './policy';
import {
  readVendorDocument,
  requireListed,
  requireOffered,
  vendorCapabilityStatement,
} from './vendor-statement';
import { asBody, asList, hasTime, unprocessable } from './write-rules';

/** Discovery fields that name the sandbox's own endpoints, kept in place of Oracle's. */
const OWN_ENDPOINT_FIELDS = ['issuer', 'jwks_uri', 'authorization_endpoint', 'token_endpoint'];

/**
 * Oracle Health (Millennium R4): its published CapabilityStatement and SMART discovery (no PractitionerRole,
 * no batch or transaction, SMART v1 scopes, no PKCE listed), the write rules of its resource pages, creates
 * answered 201 with an empty body, a stale If-Match answered 409. Each rule and its source:
 * mocks/sandbox/README.md.
 */
export const ORACLE: Personality = {
  name: 'oracle',
  description: 'Oracle Health Millennium (R4): no PractitionerRole, SMART v1 scopes, one request per write',
  // content/authorization.md: SMART v1 scope syntax; "Wildcard Scopes are currently not supported".
  scopes: { versions: [1], wildcards: false },
  writeAnswer: { body: 'empty', location: 'unversioned' },
  capabilityStatement: (own, baseUrl) =>
    vendorCapabilityStatement('oracle.capability.json', own, baseUrl, (resource) =>
      // JSON Patch is implemented for Encounter only, so only Encounter lists it here.
      resource.type === 'Encounter'
        ? resource
        : { ...resource, interaction: (resource.interaction ?? []).filter((i) => i.code !== 'patch') },
    ),
  smartConfiguration(own) {
    const published = readVendorDocument('oracle.smart-configuration.json', '');
    const endpoints = Object.fromEntries(
      OWN_ENDPOINT_FIELDS.flatMap((key) => (key in own ? [[key, own[key]]] : [])),
    );
    return { ...endpoints, ...published };
  },
  async admit(interaction, context) {
    requireListed(context.statement, interaction, VENDOR);
    return admitWrite(interaction, context);
  },
  handle: (request, context) => handlePatch(request, context),
  refusal(error) {
    // content/millennium/r4.md: "Performing an update with an out-of-date version id will result in a
    // 409 Conflict Error response."
    return error.status === 412 && error.outcome.issue[0]?.code === 'conflict'
      ? fhirError(409, 'conflict', error.message)
      : error;
  },
};

async function admitWrite(interaction: Interaction, context: PolicyContext): Promise<Interaction> {
  if (interaction.kind === 'create') {
    const resource = checkOracleCreate(
      requireResource(interaction.body, interaction.resourceType),
      context.grant,
    );
    // Conditional create is not documented: If-None-Exist is ignored and a plain create happens.
    return { ...interaction, body: resource, ifNoneExist: undefined };
  }
  if (interaction.kind === 'update') {
    const resource = requireResource(interaction.body, interaction.resourceType);
    const stored = await context.operations.engine.readIfExists(interaction.resourceType, interaction.id);
    if (!stored) {
      // updateCreate is false in the statement: PUT never creates.
      throw notFound(`There is no ${interaction.resourceType}/${interaction.id} to update.`);
    }
    return {
      ...interaction,
      body: { ...checkOracleUpdate(resource, stored, context.grant), id: interaction.id },
    };
  }
  return interaction;
}

/**
 * `PATCH /Encounter/:id` with JSON Patch (RFC 6902), only the operations
 * `lib/resources/r4/encounter_patch.yaml` lists; answered 200 with ETag and an empty body.
 */
async function handlePatch(request: RawRequest, context: PolicyContext): Promise<FhirResult | undefined> {
  if (request.method !== 'PATCH') {
    return undefined;
  }
  const target = parseInteraction({
    method: 'GET',
    path: request.path,
    params: new URLSearchParams(),
    body: undefined,
  });
  if (target.kind !== 'read') {
    return undefined;
  }
  requireOffered(context.statement, target.resourceType, 'patch', VENDOR);
  const operations = asList(request.body);
  if (operations.length === 0) {
    throw unprocessable(
      'A PATCH body is a non-empty JSON Patch array (application/json-patch+json).',
      'value',
    );
  }
  const { operations: sandbox, authorizer } = context;
  return sandbox.exclusive(async () => {
    const current = await sandbox.engine.read<Encounter>('Encounter', target.id);
    const patched = operations.reduce<Encounter>(
      (encounter, operation) => applyOperation(encounter, operation),
      current,
    );
    return sandbox.update('Encounter', target.id, patched, request.ifMatch, authorizer);
  });
}

function applyOperation(encounter: Encounter, value: unknown): Encounter {
  const operation = asBody(value);
  const where = `${String(operation.op)} ${String(operation.path)}`;
  switch (where) {
    case 'replace /period/start':
    case 'replace /period/end': {
      const key = where.endsWith('start') ? 'start' : 'end';
      const { value: moment } = operation;
      // "When no value is provided the Encounter.period.<start|end> will be unset."
      const unset = moment === undefined || moment === null || moment === '';
      if (!unset && !hasTime(moment)) {
        throw unprocessable(`Encounter.period.${key} needs a date with a time.`, 'value');
      }
      const period = Object.fromEntries(
        Object.entries({ ...encounter.period, [key]: moment }).filter(([name]) => !unset || name !== key),
      );
      return { ...encounter, period };
    }
    case 'replace /type': {
      const [first] = asList(operation.value);
      if (first === undefined) {
        throw unprocessable('Encounter.type is replaced with a list of CodeableConcepts.', 'value');
      }
      // "When a list is provided, the first value would be used."
      return { ...encounter, type: [first as NonNullable<Encounter['type']>[number]] };
    }
    case 'replace /extension':
      return { ...encounter, extension: asList(operation.value) as Extension[] };
    case 'add /extension/-':
      return {
        ...encounter,
        extension: [...(encounter.extension ?? []), asBody(operation.value) as unknown as Extension],
      };
    default:
      throw unprocessable(
        `${VENDOR} cannot patch '${where}' on an Encounter; it supports replace of /period/start, /period/end, /type, /extension and add of /extension/-.`,
      );
  }
}
