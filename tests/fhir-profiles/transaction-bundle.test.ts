import type { Bundle } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { readExamples } from './fixtures';

const bundle = readExamples().find((e) => e.filename === 'Bundle-peer-encounter-transaction.json')
  ?.resource as Bundle;
const entries = bundle.entry ?? [];

describe('the example transaction Bundle', () => {
  it('is a transaction of POSTs with urn:uuid fullUrls and a conditional create on each entry', () => {
    expect(bundle.type).toBe('transaction');
    for (const entry of entries) {
      expect(entry.fullUrl).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
      expect(entry.request?.method).toBe('POST');
      expect(entry.request?.url).toBe(entry.resource?.resourceType);
      expect(entry.request?.ifNoneExist).toMatch(
        /^(identifier|_tag)=https:\/\/peerbridge\.example\.org\/fhir\/sid\/resource-key\|/,
      );
    }
  });

  it('orders new Goal, Encounter, Observations, Task, Provenance as the model says', () => {
    expect(entries.map((e) => e.resource?.resourceType)).toEqual([
      'Goal',
      'Encounter',
      ...Array<string>(9).fill('Observation'),
      'Task',
      'Provenance',
    ]);
  });

  it('has the Provenance target every other entry', () => {
    const provenance = entries.at(-1)?.resource;
    const targets =
      provenance?.resourceType === 'Provenance' ? provenance.target.map((t) => t.reference) : [];
    expect(targets).toEqual(entries.slice(0, -1).map((e) => e.fullUrl));
  });

  it('refers between entries only by their urn:uuids or by ids of the sandbox seed', () => {
    const fullUrls = new Set(entries.map((e) => e.fullUrl));
    const references = [...JSON.stringify(bundle).matchAll(/"reference":"([^"]+)"/g)].map((m) => m[1] ?? '');
    for (const reference of references) {
      expect(
        fullUrls.has(reference) ||
          /^(Patient|PractitionerRole|Practitioner|Organization|Goal)\/[a-z-]+$/.test(reference),
        reference,
      ).toBe(true);
    }
  });
});
