import { readFileSync } from 'node:fs';
import type { CapabilityStatement } from 'fhir/r4';
import { readServerCapabilities, type ServerCapabilities } from '../../src/domain/server-capabilities';

/** A vendor's CapabilityStatement as published (mocks/fixtures/vendor-capabilities/). */
export function vendorStatement(name: 'epic' | 'oracle'): CapabilityStatement {
  const url = new URL(`../../mocks/fixtures/vendor-capabilities/${name}.capability.json`, import.meta.url);
  const text = readFileSync(url, 'utf8').replaceAll('{{BASE}}', 'https://ehr.example.test/fhir');
  return JSON.parse(text) as CapabilityStatement;
}

export function vendorCapabilities(name: 'epic' | 'oracle'): ServerCapabilities {
  return readServerCapabilities(vendorStatement(name));
}
