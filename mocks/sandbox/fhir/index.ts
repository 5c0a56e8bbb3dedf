import type { Resource } from 'fhir/r4';
import type { VerifyAccessToken } from '../access-grant';
import type { RouteHandler } from '../http';
import type { Personality } from '../personalities';
import { getPersonality } from '../personalities';
import type { SmartEndpoints } from './capability-statement';
import { buildCapabilityStatement } from './capability-statement';
import { FhirEngine } from './engine';
import { createHttpHandler } from './http-handler';
import { findIncludedResources } from './includes';
import { FhirOperations } from './operations';
import { DebouncedWriter, readDataFile, writeDataFile } from './persistence';
import { findMatches } from './search';
import { parseSearchQuery } from './search-query';
import { warmUpValidation } from './validation';

export interface FhirServerOptions {
  /** e.g. 'http://localhost:4010/fhir' (no trailing slash). */
  baseUrl: string;
  /** JSON file where data persists across restarts. */
  dataFile: string;
  /** Resources (with ids) loaded when dataFile is absent, and on reset(). */
  seed: () => Resource[];
  verifyAccessToken: VerifyAccessToken;
  /** For the CapabilityStatement's oauth-uris extension. */
  smartEndpoints: SmartEndpoints;
  /** Refuse invalid resources on create and update with 422, as HAPI and Epic do. Default true. */
  validateWrites?: boolean;

  /** The vendor policy in front of the engine (default: the open server); the seed bypasses it. */
  personality?: Personality;
  /** Answer with references stripped of `display`, as many real EHRs do. Default false. */
  stripDisplays?: boolean;
}

export interface FhirServer {
  /** Answers every request under the base path except `<base>/.well-known/*`. */
  handle: RouteHandler;
  /** Unauthenticated access for the EHR's own pages. */
  internal: {
    search(resourceType: string, query: Record<string, string>): Promise<Resource[]>;
    read<T extends Resource>(resourceType: T['resourceType'], id: string): Promise<T | undefined>;
    /** Adds resources with the ids they carry, as an EHR's other systems would (test and demo data). */
    add(resources: readonly Resource[]): Promise<void>;
  };
  /** Restores the seed and persists it. */
  reset(): Promise<void>;
  /** Writes out pending changes. */
  close(): Promise<void>;
}

export async function createFhirServer(options: FhirServerOptions): Promise<FhirServer> {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const engine = new FhirEngine();
  const writer = new DebouncedWriter(async () => writeDataFile(options.dataFile, await engine.everything()));
  const validateWrites = options.validateWrites ?? true;
  const operations = new FhirOperations(
    engine,
    baseUrl,
    () => {
      writer.schedule();
    },
    validateWrites,
  );
  if (validateWrites) {
    warmUpValidation();
  }

  const stored = await readDataFile(options.dataFile);
  if (stored) {
    await engine.load(stored);
  } else {
    await engine.load(options.seed());
    await writeDataFile(options.dataFile, await engine.everything());
  }

  const personality = options.personality ?? getPersonality('open');
  const handle = createHttpHandler({
    baseUrl,
    operations,
    capabilityStatement: personality.capabilityStatement(
      buildCapabilityStatement(baseUrl, options.smartEndpoints),
      baseUrl,
    ),
    verifyAccessToken: options.verifyAccessToken,
    personality,
    ...(options.stripDisplays ? { stripDisplays: true } : {}),
  });

  return {
    handle,
    internal: {
      async search(resourceType, query) {
        const plan = parseSearchQuery(resourceType, new URLSearchParams(query), baseUrl);
        const context = operations.searchContext(undefined, { kind: 'all' });
        const all = await findMatches(plan, context);
        const matches =
          '_count' in query ? all.slice(plan.offset, plan.offset + plan.count) : all.slice(plan.offset);
        const included = await findIncludedResources({
          ...plan,
          matches,
          engine,
          authorizer: undefined,
          baseUrl,
        });
        return [...matches, ...included];
      },
      async read<T extends Resource>(resourceType: T['resourceType'], id: string): Promise<T | undefined> {
        return (await engine.readIfExists(resourceType, id)) as T | undefined;
      },
      async add(resources) {
        await operations.exclusive(() => engine.load(resources));
        writer.schedule();
      },
    },
    async reset() {
      await operations.exclusive(async () => {
        engine.clear();
        await engine.load(options.seed());
      });
      writer.schedule();
      await writer.flush();
    },
    async close() {
      await writer.flush();
    },
  };
}
