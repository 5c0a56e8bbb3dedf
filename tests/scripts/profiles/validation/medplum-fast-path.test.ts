import { validateResource } from '@medplum/core';
import type { StructureDefinition as MedplumSD, Resource as MedplumResource } from '@medplum/fhirtypes';
import type { OperationOutcomeIssue, Resource } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { readProfilePackage } from '../../../../scripts/profiles/validation/package-files';
import { loadedProfiles } from '../../../../scripts/profiles/validation/profile-validator';
import { validateProfile } from '../../../../scripts/profiles/validation/medplum-schema';
import { encounterExample, readExamples } from '../../../fhir-profiles/fixtures';

const byUrl = new Map(readProfilePackage().structureDefinitions.map((sd) => [sd.url, sd]));

function viaPublicApi(resource: Resource, url: string): OperationOutcomeIssue[] {
  const sd = byUrl.get(url) as unknown as MedplumSD;
  try {
    return validateResource(resource as unknown as MedplumResource, {
      profile: sd,
    });
  } catch (error) {
    return (error as { outcome: { issue: OperationOutcomeIssue[] } }).outcome.issue;
  }
}

describe('validating against a pre-registered profile', () => {
  it('reports what validateResource(resource, { profile }) reports, without re-parsing the profile', () => {
    loadedProfiles();
    const broken = encounterExample();
    delete broken.subject;
    broken.extension = [];
    const resources = [
      ...readExamples()
        .map((e) => e.resource)
        .filter((r) => r.resourceType !== 'Bundle'),
      broken,
    ];
    for (const resource of resources) {
      for (const url of resource.meta?.profile ?? []) {
        expect(validateProfile(resource, url)).toEqual(viaPublicApi(resource, url));
      }
    }
  });
});
