import type { Resource } from 'fhir/r4';
import type { AccessGrant } from '../access-grant';
import type { ScopeAction } from '../smart-scopes';
import { allows } from '../smart-scopes';
import { hasPatientCompartment, isInPatientCompartment, isOwnedByPatient } from './compartment';
import { forbidden } from './outcomes';

/** What a grant lets its bearer do with one resource type and action. */
export type Access = { readonly kind: 'all' } | { readonly kind: 'compartment'; readonly patientId: string };

/**
 * SMART scope enforcement around the engine, which has none.
 * https://build.fhir.org/ig/HL7/smart-app-launch/scopes-and-launch-context.html
 */
export class Authorizer {
  constructor(
    private readonly grant: AccessGrant,
    private readonly baseUrl: string,
  ) {}

  /** The access the grant gives, or undefined when no scope covers the type and action. */
  accessFor(resourceType: string, action: ScopeAction): Access | undefined {
    const scopes = this.grant.resourceScopes;
    if (allows(scopes, resourceType, action, ['user', 'system'])) {
      return { kind: 'all' };
    }
    if (!allows(scopes, resourceType, action, ['patient'])) {
      return undefined;
    }
    // Practitioner, Organization, Location and the like belong to no patient's compartment, so a
    // patient/ scope on them can only mean "the ones this patient's record points at"; the sandbox
    // reads that generously as all of them.
    if (!hasPatientCompartment(resourceType)) {
      return { kind: 'all' };
    }
    return this.grant.patient ? { kind: 'compartment', patientId: this.grant.patient } : undefined;
  }

  requireAccess(resourceType: string, action: ScopeAction): Access {
    const access = this.accessFor(resourceType, action);
    if (!access) {
      throw forbidden(
        `The access token has no scope allowing '${action}' on ${resourceType} ` +
          `(granted: ${this.grant.scope || 'none'}). Request a scope such as patient/${resourceType}.${action}.`,
      );
    }
    return access;
  }

  /** Whether the resource is visible under the access (a compartment check for patient/ scopes). */
  permits(access: Access, resource: Resource): boolean {
    return access.kind === 'all' || isInPatientCompartment(resource, access.patientId, this.baseUrl);
  }

  /**
   * Throws 403 unless the resource is within the access. Reads need compartment membership; writes
   * (create, update, delete) under patient/ scopes need the launch patient as the subject.
   */
  requireResource(access: Access, resource: Resource, action: ScopeAction): void {
    if (access.kind === 'compartment' && isWrite(action)) {
      if (!isOwnedByPatient(resource, access.patientId, this.baseUrl)) {
        throw forbidden(
          `${resource.resourceType}/${resource.id ?? '(new)'} does not have the launch patient ` +
            `Patient/${access.patientId} as its subject (or names another patient), so the patient/ scopes ` +
            `of this token do not allow '${action}' on it. Write it for the launch patient only, or use user/ scopes.`,
        );
      }
      return;
    }
    if (!this.permits(access, resource)) {
      const patient = access.kind === 'compartment' ? access.patientId : '';
      throw forbidden(
        `${resource.resourceType}/${resource.id ?? '(new)'} is outside the compartment of the launch patient ` +
          `Patient/${patient}, so the patient/ scopes of this token do not allow '${action}' on it.`,
      );
    }
  }

  /** For _include and _revinclude: read or search access to the resource, else leave it out. */
  canInclude(resource: Resource): boolean {
    const access = this.accessFor(resource.resourceType, 'r') ?? this.accessFor(resource.resourceType, 's');
    return access !== undefined && this.permits(access, resource);
  }
}

function isWrite(action: ScopeAction): boolean {
  return action === 'c' || action === 'u' || action === 'd';
}
