/**
 * What the fake FHIR server holds: every version of every resource, newest last, keyed `Type/id`.
 * Copy-on-write, so a transaction can work on a copy and keep it only when every entry succeeded.
 */
import type { FhirResource } from 'fhir/r4';

export function keyOf(resource: FhirResource): string {
  return `${resource.resourceType}/${resource.id ?? ''}`;
}

export class ResourceVersions {
  private constructor(private readonly versions: Map<string, readonly FhirResource[]>) {}

  static empty(): ResourceVersions {
    return new ResourceVersions(new Map());
  }

  /** An independent copy: writes to it do not reach this one. */
  copy(): ResourceVersions {
    return new ResourceVersions(new Map(this.versions));
  }

  current(key: string): FhirResource | undefined {
    return this.versions.get(key)?.at(-1);
  }

  version(key: string, versionId: string): FhirResource | undefined {
    return this.versions.get(key)?.find((resource) => resource.meta?.versionId === versionId);
  }

  /** The current version of every resource, in the order each was first written. */
  all(): FhirResource[] {
    return [...this.versions.values()].flatMap((versions) => versions.slice(-1));
  }

  /** Adds `resource` as the newest version under its key. */
  put(resource: FhirResource): void {
    const key = keyOf(resource);
    this.versions.set(key, [...(this.versions.get(key) ?? []), resource]);
  }

  /** Keys whose current version differs from `other`'s: what a transaction changed. */
  changedSince(other: ResourceVersions): string[] {
    return [...this.versions.keys()].filter((key) => this.current(key) !== other.current(key));
  }
}
