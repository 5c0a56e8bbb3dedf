import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import profilesPackage from '../../fhir-profiles/package.json';
import { summarizeProfiles, type ProfileSummary } from '../../registration/profile-summary';
import {
  buildRegistrationSheet,
  FHIR_VERSION,
  PLACEHOLDER_BASE_URL,
  RegistrationSheetError,
  toMarkdown,
} from '../../registration/registration-sheet';
import { requestedScope, type LaunchKind, type ScopeStyle } from '../../launch/scopes';
import { pruneStructureDefinition } from '../../scripts/vite/prune-fhir-profiles';
import { readProfiles } from '../../scripts/registration-sheet/read-profiles';

const PROFILES_DIR = fileURLToPath(new URL('../../fhir-profiles/', import.meta.url));
const BASE = 'https://apps.example-hospital.org/peerbridge/';

async function structureDefinitionFiles(): Promise<Record<string, unknown>[]> {
  const files = (await readdir(PROFILES_DIR)).filter((file) => file.startsWith('StructureDefinition-'));
  return Promise.all(
    files.map(
      async (file) => JSON.parse(await readFile(`${PROFILES_DIR}${file}`, 'utf8')) as Record<string, unknown>,
    ),
  );
}

const STYLES: readonly ScopeStyle[] = ['v1', 'v2'];
const KINDS: readonly LaunchKind[] = ['ehr', 'standalone'];

describe('the registration sheet', () => {
  let profiles: ProfileSummary[];
  beforeAll(async () => {
    profiles = await readProfiles();
  });

  it.each(STYLES.flatMap((style) => KINDS.map((kind) => [style, kind] as const)))(
    'lists every %s scope of a %s launch with a reason',
    (style, kind) => {
      const sheet = buildRegistrationSheet({ baseUrl: BASE, profiles });
      const explained = new Map<string, string>([
        ...sheet.scopes.context.map((line) => [line.scope, line.reason] as const),
        ...sheet.scopes.resources.flatMap((line) =>
          [line.v2, ...line.v1].map((scope) => [scope, line.reason] as const),
        ),
      ]);
      for (const scope of requestedScope(style, kind).split(' ')) {
        expect(explained.get(scope), scope).toMatch(/\w+/);
      }
      expect(sheet.scopes.requested[style][kind]).toBe(requestedScope(style, kind));
    },
  );

  it('puts the launch URL and redirect URI under the base URL', () => {
    const sheet = buildRegistrationSheet({
      baseUrl: 'https://apps.example-hospital.org/peerbridge',
      profiles,
    });
    expect(sheet.launchUrl).toBe(`${BASE}launch/`);
    expect(sheet.redirectUris).toEqual([BASE]);
    expect(sheet.baseUrlIsPlaceholder).toBe(false);
  });

  it('uses a placeholder, and says so, when no base URL is given', () => {
    const sheet = buildRegistrationSheet({ profiles });
    expect(sheet.launchUrl).toBe(`${PLACEHOLDER_BASE_URL}launch/`);
    expect(sheet.baseUrlIsPlaceholder).toBe(true);
    expect(toMarkdown(sheet)).toContain('--base-url');
  });

  it.each([
    ['not a url', 'not an absolute URL'],
    ['http://apps.example-hospital.org/peerbridge/', 'must use https'],
    ['https://apps.example-hospital.org/peerbridge/?x=1', 'query or a fragment'],
  ])('refuses the base URL %j', (baseUrl, message) => {
    expect(() => buildRegistrationSheet({ baseUrl, profiles })).toThrow(RegistrationSheetError);
    expect(() => buildRegistrationSheet({ baseUrl, profiles })).toThrow(message);
  });

  it('describes a public client with PKCE S256 for FHIR R4', () => {
    const sheet = buildRegistrationSheet({ baseUrl: BASE, profiles });
    expect(sheet.client).toEqual({
      type: 'public',
      tokenEndpointAuthMethod: 'none',
      clientSecret: false,
      pkce: 'S256',
    });
    expect(sheet.fhirVersion).toEqual({ release: 'R4', version: FHIR_VERSION });
    expect(profilesPackage.fhirVersions).toEqual([FHIR_VERSION]);
    expect(sheet.launchTypes.map((type) => type.kind)).toEqual(['ehr', 'standalone']);
  });

  it('lists exactly the profiles in fhir-profiles, by URL and title', async () => {
    const files = await structureDefinitionFiles();
    const sheet = buildRegistrationSheet({ baseUrl: BASE, profiles });
    const listed = sheet.writes.profiles.map((profile) => [profile.url, profile.title]);
    expect(listed).toHaveLength(files.length);
    expect(listed).toEqual(expect.arrayContaining(files.map((file) => [file.url, file.title])));
  });

  it('lists the same profiles from the fields the build keeps for the registration page', async () => {
    const files = await structureDefinitionFiles();
    expect(summarizeProfiles(files.map(pruneStructureDefinition))).toEqual(profiles);
  });

  it('names every resource type it writes, each one a type it asks to create or update', () => {
    const sheet = buildRegistrationSheet({ baseUrl: BASE, profiles });
    expect(sheet.writes.resourceTypes).toEqual([
      'Communication',
      'DocumentReference',
      'Encounter',
      'Goal',
      'Observation',
      'Provenance',
      'QuestionnaireResponse',
      'Task',
    ]);
    for (const type of sheet.writes.resourceTypes) {
      expect(requestedScope('v2', 'ehr')).toMatch(new RegExp(`/${type}\\.c`));
    }
  });

  it('renders every scope, URL and profile in the Markdown', () => {
    const sheet = buildRegistrationSheet({ baseUrl: BASE, profiles });
    const markdown = toMarkdown(sheet);
    for (const scope of requestedScope('v1', 'ehr').split(' ')) {
      expect(markdown).toContain(scope);
    }
    expect(markdown).toContain(`\`${BASE}launch/\``);
    for (const profile of sheet.writes.profiles) {
      expect(markdown).toContain(profile.url);
    }
  });
});
