import { FhirPackageExplorer } from 'fhir-package-explorer';
import { FhirSnapshotGenerator } from 'fhir-snapshot-generator';
import type { ElementDefinition, StructureDefinition } from 'fhir/r4';
import type { FhirPackageManifest } from './fhir-cache';
import { prepareFhirCache } from './fhir-cache';

/** Only what goes wrong is worth printing; the generator narrates every package it reads. */
const quietLogger = {
  info: (): void => undefined,
  debug: (): void => undefined,
  warn: (message: unknown): void => {
    // Expected offline: the implicit terminology/extension packages are empty placeholders.
    if (!String(message).startsWith('Registry disabled;')) {
      console.warn(message);
    }
  },
  error: (message: unknown): void => console.error(message),
};

function snapshotElements(generated: unknown, url: string): ElementDefinition[] {
  if (typeof generated === 'object' && generated !== null && 'snapshot' in generated) {
    const snapshot: unknown = generated.snapshot;
    if (typeof snapshot === 'object' && snapshot !== null && 'element' in snapshot) {
      const element: unknown = snapshot.element;
      if (Array.isArray(element)) {
        return element as ElementDefinition[];
      }
    }
  }
  throw new Error(`fhir-snapshot-generator returned no snapshot for ${url}.`);
}

/**
 * Generates a snapshot for each differential with fhir-snapshot-generator, offline: the
 * differentials are installed as their own package (which depends on hl7.fhir.r4.core, as the
 * generator requires) in a local cache, and the registry is switched off.
 */
export async function generateSnapshots(
  cachePath: string,
  manifest: FhirPackageManifest,
  differentials: readonly StructureDefinition[],
): Promise<StructureDefinition[]> {
  await prepareFhirCache(cachePath, manifest, differentials);
  const fpe = await FhirPackageExplorer.create({
    context: [`${manifest.name}#${manifest.version}`],
    cachePath,
    registryUrl: 'n/a',
    fhirVersion: '4.0.1',
    skipExamples: true,
    logger: quietLogger,
  });
  // cacheMode 'none': the generator must never serve a snapshot of an older differential.
  const fsg = await FhirSnapshotGenerator.create({
    fpe,
    fhirVersion: '4.0.1',
    cacheMode: 'none',
    logger: quietLogger,
  });
  const result: StructureDefinition[] = [];
  for (const differential of differentials) {
    const url = differential.url;
    const generated: unknown = await fsg.getSnapshot(url);
    result.push({ ...differential, snapshot: { element: snapshotElements(generated, url) } });
  }
  return result;
}
