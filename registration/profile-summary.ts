/**
 * The registration sheet's list of profiles, read from fhir-profiles' StructureDefinitions so that a
 * profile added there appears on the sheet without anyone retyping its URL.
 */

export interface ProfileSummary {
  readonly url: string;
  readonly title: string;
  /** The resource or data type it constrains: `Encounter`, `Observation`, `Extension`… */
  readonly type: string;
}

function stringField(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The summary of one StructureDefinition's JSON, or undefined for anything else. */
export function toProfileSummary(json: unknown): ProfileSummary | undefined {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return undefined;
  }
  const record = json as Record<string, unknown>;
  const url = stringField(record, 'url');
  const type = stringField(record, 'type');
  if (record.resourceType !== 'StructureDefinition' || url === undefined || type === undefined) {
    return undefined;
  }
  return { url, title: stringField(record, 'title') ?? stringField(record, 'name') ?? url, type };
}

/** Resource profiles first (by type, then title), extensions last, so the sheet reads the same everywhere. */
export function summarizeProfiles(jsons: readonly unknown[]): ProfileSummary[] {
  const rank = (profile: ProfileSummary): number => (profile.type === 'Extension' ? 1 : 0);
  return jsons
    .map(toProfileSummary)
    .filter((profile): profile is ProfileSummary => profile !== undefined)
    .sort(
      (a, b) =>
        rank(a) - rank(b) || a.type.localeCompare(b.type, 'en') || a.title.localeCompare(b.title, 'en'),
    );
}
