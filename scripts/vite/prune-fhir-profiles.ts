import type { Plugin } from 'vite';

/**
 * The app imports fhir-profiles' CodeSystems and ValueSets for their codes; their descriptions,
 * publisher and other metadata would only add weight to the bundle. This keeps, at build time,
 * just what src/domain reads, so the JSON stays the single source of truth without costing kBs.
 */

const TERMINOLOGY_FILE = /[\\/]fhir-profiles[\\/](CodeSystem|ValueSet)-[^\\/]+\.json$/;
const PACKAGE_FILE = /[\\/]fhir-profiles[\\/]package\.json$/;
const PROFILE_FILE = /[\\/]fhir-profiles[\\/]StructureDefinition-[^\\/]+\.json$/;

interface Concept {
  code?: unknown;
  display?: unknown;
  definition?: unknown;
}

function pruneConcepts(concepts: unknown, keepDefinition: boolean): Concept[] | undefined {
  if (!Array.isArray(concepts)) {
    return undefined;
  }
  return (concepts as Concept[]).map((concept) => ({
    code: concept.code,
    ...(concept.display === undefined ? {} : { display: concept.display }),
    ...(keepDefinition && concept.definition !== undefined ? { definition: concept.definition } : {}),
  }));
}

export function pruneTerminology(json: Record<string, unknown>): Record<string, unknown> {
  const compose = json.compose as { include?: { system?: unknown; concept?: unknown }[] } | undefined;
  return {
    resourceType: json.resourceType,
    id: json.id,
    url: json.url,
    ...(json.concept === undefined ? {} : { concept: pruneConcepts(json.concept, true) }),
    ...(compose?.include === undefined
      ? {}
      : {
          compose: {
            include: compose.include.map((include) => ({
              system: include.system,
              ...(include.concept === undefined ? {} : { concept: pruneConcepts(include.concept, false) }),
            })),
          },
        }),
  };
}

/** The registration page lists profiles by URL, title and type; their 1 MB of elements stay out. */
export function pruneStructureDefinition(json: Record<string, unknown>): Record<string, unknown> {
  const { resourceType, url, title, name, type } = json;
  return { resourceType, url, title, name, type };
}

export function pruneFhirProfiles(): Plugin {
  return {
    name: 'peerbridge:prune-fhir-profiles',
    enforce: 'pre',
    transform(code, id) {
      if (TERMINOLOGY_FILE.test(id)) {
        return {
          code: JSON.stringify(pruneTerminology(JSON.parse(code) as Record<string, unknown>)),
          map: null,
        };
      }
      if (PROFILE_FILE.test(id)) {
        return {
          code: JSON.stringify(pruneStructureDefinition(JSON.parse(code) as Record<string, unknown>)),
          map: null,
        };
      }
      if (PACKAGE_FILE.test(id)) {
        const { canonical, version } = JSON.parse(code) as { canonical?: unknown; version?: unknown };
        return { code: JSON.stringify({ canonical, version }), map: null };
      }
      return undefined;
    },
  };
}
