import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { summarizeProfiles, type ProfileSummary } from '../../registration/profile-summary';

const PROFILES_DIR = fileURLToPath(new URL('../../fhir-profiles/', import.meta.url));

/** Every StructureDefinition in fhir-profiles/, summarised for the registration sheet. */
export async function readProfiles(dir: string = PROFILES_DIR): Promise<ProfileSummary[]> {
  const files = (await readdir(dir)).filter((file) => /^StructureDefinition-.+\.json$/.test(file));
  const jsons = await Promise.all(
    files.map(async (file): Promise<unknown> => JSON.parse(await readFile(`${dir}/${file}`, 'utf8'))),
  );
  return summarizeProfiles(jsons);
}
