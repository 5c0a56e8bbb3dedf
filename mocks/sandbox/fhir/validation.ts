import type { OperationOutcomeIssue, Resource } from 'fhir/r4';
import { errorsOf, validateAgainstProfiles } from '../scripts-seam';
import { fhirError } from './outcomes';

/**
 * Structure validation on create and update, as HAPI's RequestValidatingInterceptor and Epic do: base
 * R4 (cardinality, types, invariants, required bindings) through @medplum/core, and PeerBridge's own
 * profiles where `meta.profile` claims them. An invalid resource is refused with 422 and an
 * OperationOutcome that names each failing element, so a client's error path is exercised here before
 * a real EHR shows it.
 */
export function requireValidResource(resource: Resource): void {
  const errors = errorsOf(validateAgainstProfiles(resource));
  if (errors.length === 0) {
    return;
  }
  const details = errors.map((error): OperationOutcomeIssue => ({
    severity: 'error',
    code: 'invalid',
    diagnostics: error.message,
    ...(error.path ? { expression: [error.path] } : {}),
  }));
  throw fhirError(
    422,
    'processing',
    `The ${resource.resourceType} is not valid FHIR R4` +
      `${resource.meta?.profile?.length ? ' or does not meet the profile it claims' : ''}: ` +
      `${errors.map((error) => `${error.path}: ${error.message}`).join('; ')}. Fix those elements and send it again.`,
    details,
  );
}

/** Loads the definitions now (about a second) rather than on the first write. */
export function warmUpValidation(): void {
  validateAgainstProfiles({ resourceType: 'Basic', code: { text: 'warm-up' } } as Resource);
}
