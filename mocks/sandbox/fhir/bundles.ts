import type { Bundle, BundleEntry, Resource } from 'fhir/r4';
import type { Authorizer } from './authorization';
import type { Interaction } from './interactions';
import { parseInteraction } from './interactions';
import type { FhirResult } from './operations';
import { requireResource, withoutServerFields } from './operations';
import type { FhirOperations } from './operations';
import type { OperationOutcomeError } from './outcomes';
import { badRequest, toFhirError, fhirError } from './outcomes';
import { toRelativeReference } from './references';
import { toErrorEntry, toResponseEntry } from './response-entry';
import { findRepeatedConditionalCreate } from '../../fake-fhir-server/repeated-conditional-create';
import { rewriteReferences } from '../../fake-fhir-server/rewrite-references';

/**
 * Batch and transaction Bundles. http://hl7.org/fhir/R4/http.html#transaction
 *
 * The engine's own processor cannot serve here: it bypasses the scope checks, refuses transactions
 * with a conditional entry and more than 8 entries, and cannot roll back. So entries are checked one
 * by one here and each runs through the engine as a single interaction.
 */
export async function processBundle(
  body: unknown,
  operations: FhirOperations,
  authorizer: Authorizer,
): Promise<Bundle> {
  const bundle = requireResource(body, 'Bundle') as Bundle;
  const entries = bundle.entry ?? [];
  if (bundle.type === 'batch') {
    return processBatch(entries, operations, authorizer);
  }
  if (bundle.type !== 'transaction') {
    throw badRequest(`Only batch and transaction Bundles can be posted to the base, not '${bundle.type}'.`);
  }
  if (entries.length === 0) {
    throw badRequest('The transaction Bundle has no entries.');
  }
  return operations.exclusive(() => processTransaction(entries, operations, authorizer));
}

async function processBatch(
  entries: readonly BundleEntry[],
  operations: FhirOperations,
  authorizer: Authorizer,
): Promise<Bundle> {
  const responses: BundleEntry[] = [];
  for (const [index, entry] of entries.entries()) {
    try {
      const interaction = toInteraction(entry, index, operations.baseUrl);
      responses.push(toResponseEntry(await operations.execute(interaction, authorizer), operations.baseUrl));
    } catch (error) {
      responses.push(toErrorEntry(toFhirError(error)));
    }
  }
  return { resourceType: 'Bundle', type: 'batch-response', entry: responses };
}

type Planned =
  | { readonly kind: 'create'; readonly resource: Resource; readonly existing: Resource | undefined }
  | {
      readonly kind: 'update';
      readonly resource: Resource;
      readonly existing: Resource | undefined;
      readonly ifMatch: string | undefined;
    }
  | { readonly kind: 'delete'; readonly existing: Resource }
  | { readonly kind: 'other'; readonly interaction: Interaction };

/** The order FHIR prescribes for processing a transaction's entries. */
const PROCESSING_ORDER: Record<Planned['kind'], number> = { delete: 0, create: 1, update: 2, other: 3 };

async function processTransaction(
  entries: readonly BundleEntry[],
  operations: FhirOperations,
  authorizer: Authorizer,
): Promise<Bundle> {
  const { engine, baseUrl } = operations;
  const interactions = entries.map((entry, index) => toInteraction(entry, index, baseUrl));
  refuseRepeatedConditionalCreates(interactions);

  // Every entry's identity first, so urn:uuid references can point at resources not yet written.
  const identities = new Map<string, string>();
  const plans: Planned[] = [];
  for (const [index, interaction] of interactions.entries()) {
    const fullUrl = entries[index]?.fullUrl;
    const plan = await planEntry(interaction, index, operations);
    if (plan.kind === 'create' || plan.kind === 'update') {
      const target = plan.existing && plan.kind === 'create' ? plan.existing : plan.resource;
      if (fullUrl) {
        identities.set(fullUrl, `${target.resourceType}/${target.id ?? ''}`);
      }
    }
    plans.push(plan);
  }
  const resolved = plans.map((plan) =>
    plan.kind === 'create' || plan.kind === 'update'
      ? { ...plan, resource: rewriteReferences(plan.resource, identities) }
      : plan,
  );

  // Then every check, so a refused entry fails the transaction before anything is written.
  for (const [index, plan] of resolved.entries()) {
    try {
      checkEntry(plan, authorizer);
      if ((plan.kind === 'create' && !plan.existing) || plan.kind === 'update') {
        operations.checkValid(plan.resource);
      }
    } catch (error) {
      throw prefixError(toFhirError(error), index);
    }
  }

  const results: (FhirResult | undefined)[] = new Array<FhirResult | undefined>(resolved.length);
  const undo: (() => Promise<void>)[] = [];
  const order = [...resolved.keys()].sort(
    (a, b) => PROCESSING_ORDER[resolved[a]?.kind ?? 'other'] - PROCESSING_ORDER[resolved[b]?.kind ?? 'other'],
  );
  try {
    for (const index of order) {
      const plan = resolved[index];
      if (!plan) {
        continue;
      }
      switch (plan.kind) {
        case 'delete': {
          const { existing } = plan;
          await engine.delete(existing.resourceType, existing.id ?? '');
          undo.push(() => engine.load([existing]));
          results[index] = { status: 204 };
          break;
        }
        case 'create': {
          if (plan.existing) {
            results[index] = { status: 200, resource: plan.existing };
            break;
          }
          const created = await engine.create(plan.resource);
          undo.push(() => engine.delete(plan.resource.resourceType, plan.resource.id ?? ''));
          results[index] = { status: 201, resource: created };
          break;
        }
        case 'update': {
          const updated = await engine.update(plan.resource, plan.ifMatch);
          const { existing } = plan;
          undo.push(() =>
            existing
              ? engine.update(existing).then(() => undefined)
              : engine.delete(updated.resourceType, updated.id ?? ''),
          );
          results[index] = { status: existing ? 200 : 201, resource: updated };
          break;
        }
        case 'other':
          results[index] = await operations.execute(plan.interaction, authorizer);
          break;
      }
    }
  } catch (error) {
    for (const step of undo.reverse()) {
      await step().catch(() => undefined);
    }
    throw toFhirError(error);
  } finally {
    if (undo.length > 0) {
      operations.notifyWrite();
    }
  }
  return {
    resourceType: 'Bundle',
    type: 'transaction-response',
    entry: results.map((result) => toResponseEntry(result ?? { status: 500 }, baseUrl)),
  };
}

function refuseRepeatedConditionalCreates(interactions: readonly Interaction[]): void {
  const repeated = findRepeatedConditionalCreate(
    interactions.map((interaction) =>
      interaction.kind === 'create' && interaction.ifNoneExist
        ? { resourceType: interaction.resourceType, ifNoneExist: interaction.ifNoneExist }
        : undefined,
    ),
  );
  if (repeated) {
    throw badRequest(repeated);
  }
}

async function planEntry(
  interaction: Interaction,
  index: number,
  operations: FhirOperations,
): Promise<Planned> {
  const { engine } = operations;
  try {
    switch (interaction.kind) {
      case 'create': {
        const resource = withoutServerFields(requireResource(interaction.body, interaction.resourceType));
        if (interaction.ifNoneExist) {
          const matches = await operations.findConditionalMatches(
            interaction.resourceType,
            interaction.ifNoneExist,
          );
          if (matches.length > 1) {
            throw fhirError(
              412,
              'duplicate',
              `ifNoneExist '${interaction.ifNoneExist}' matches ${matches.length} resources.`,
            );
          }
          if (matches[0]) {
            return { kind: 'create', resource, existing: matches[0] };
          }
        }
        return { kind: 'create', resource: { ...resource, id: engine.generateId() }, existing: undefined };
      }
      case 'update': {
        const resource = requireResource(interaction.body, interaction.resourceType);
        if (resource.id !== interaction.id) {
          throw badRequest(`The resource id '${resource.id ?? ''}' does not match the request url.`);
        }
        const existing = await engine.readIfExists(interaction.resourceType, interaction.id);
        return { kind: 'update', resource, existing, ifMatch: interaction.ifMatch };
      }
      case 'delete':
        return { kind: 'delete', existing: await engine.read(interaction.resourceType, interaction.id) };
      case 'bundle':
      case 'capabilities':
        throw badRequest('A transaction entry cannot be another Bundle or /metadata.');
      case 'read':
      case 'vread':
      case 'history':
      case 'search':
        return { kind: 'other', interaction };
    }
  } catch (error) {
    throw prefixError(toFhirError(error), index);
  }
}

function checkEntry(plan: Planned, authorizer: Authorizer): void {
  switch (plan.kind) {
    case 'create': {
      const type = plan.resource.resourceType;
      if (plan.existing) {
        authorizer.requireResource(authorizer.requireAccess(type, 'r'), plan.existing, 'r');
      } else {
        authorizer.requireResource(authorizer.requireAccess(type, 'c'), plan.resource, 'c');
      }
      return;
    }
    case 'update': {
      const action = plan.existing ? 'u' : 'c';
      const access = authorizer.requireAccess(plan.resource.resourceType, action);
      if (plan.existing) {
        authorizer.requireResource(access, plan.existing, action);
      }
      authorizer.requireResource(access, plan.resource, action);
      const current = plan.existing?.meta?.versionId;
      if (plan.ifMatch !== undefined && plan.ifMatch !== current) {
        throw fhirError(
          412,
          'conflict',
          `ifMatch version ${plan.ifMatch} is not the current version (${current ?? 'none'}).`,
        );
      }
      return;
    }
    case 'delete':
      authorizer.requireResource(
        authorizer.requireAccess(plan.existing.resourceType, 'd'),
        plan.existing,
        'd',
      );
      return;
    case 'other': {
      const { interaction } = plan;
      if (interaction.kind === 'read' || interaction.kind === 'vread' || interaction.kind === 'history') {
        authorizer.requireAccess(interaction.resourceType, 'r');
      } else if (interaction.kind === 'search') {
        authorizer.requireAccess(interaction.resourceType, 's');
      }
      return;
    }
  }
}

function toInteraction(entry: BundleEntry, index: number, baseUrl: string): Interaction {
  const request = entry.request;
  if (!request?.method || !request.url) {
    throw badRequest(`Bundle.entry[${index}] needs request.method and request.url.`);
  }
  const url = toRelativeReference(request.url, baseUrl);
  const queryStart = url.indexOf('?');
  const path = queryStart === -1 ? url : url.slice(0, queryStart);
  const params = new URLSearchParams(queryStart === -1 ? '' : url.slice(queryStart + 1));
  try {
    return parseInteraction({
      method: request.method,
      path,
      params,
      body: entry.resource,
      ifNoneExist: request.ifNoneExist,
      ifMatch: request.ifMatch,
    });
  } catch (error) {
    throw prefixError(toFhirError(error), index);
  }
}

function prefixError(error: OperationOutcomeError, index: number): OperationOutcomeError {
  const issue = error.outcome.issue[0];
  return fhirError(
    error.status,
    issue?.code ?? 'exception',
    `Bundle.entry[${index}]: ${error.message}`,
    error.outcome.issue.slice(1),
  );
}
