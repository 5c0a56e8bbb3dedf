import { readFileSync } from 'node:fs';
import type { CapabilityStatement } from 'fhir/r4';

/** A vendor's published CapabilityStatement (mocks/fixtures/vendor-capabilities), on a made-up base. */
export function vendorStatement(name: 'epic' | 'oracle'): CapabilityStatement {
  const url = new URL(`../../../mocks/fixtures/vendor-capabilities/${name}.capability.json`, import.meta.url);
  const text = readFileSync(url, 'utf8').replaceAll('{{BASE}}', 'https://ehr.example.test/fhir');
  return JSON.parse(text) as CapabilityStatement;
}
