import type { Bundle } from 'fhir/r4';
import { FIXTURE_DRAFTS, fixtureContext } from '../../mocks/fixtures/drafts';
import { validateAgainstProfiles } from '../profiles/validation/profile-validator';
import { draftToTransaction } from '../../src/domain/draft-to-transaction';
import { bundleToViews } from '../../src/domain/peer-encounter-view';
import { serverResponse } from '../../mocks/fixtures/server-response';
import { itemsPerSecond } from './throughput';

const drafts = Object.values(FIXTURE_DRAFTS);

function resourceCount(bundle: Bundle): number {
  return bundle.entry?.length ?? 0;
}

export interface MappingFigures {
  readonly mapping_draft_to_bundle_resources_per_s: number;
  readonly mapping_bundle_to_view_resources_per_s: number;
  /** The slower direction (information; the budget is the ratio below). */
  readonly mapping_resources_per_s: number;
  /** Baseline of the same run: the same resources through JSON.stringify and JSON.parse. */
  readonly json_round_trip_resources_per_s: number;
  /** How many times slower than a JSON round trip of the same resources the slower mapping is. */
  readonly mapping_vs_json_ratio: number;
  readonly validation_resources_per_s: number;
}

/** Mapping both ways over the fixture drafts, and profile validation of what the mapping writes. */
export function measureMapping(): MappingFigures {
  const context = fixtureContext();
  const toBundle = itemsPerSecond(() => {
    let resources = 0;
    for (const draft of drafts) {
      resources += resourceCount(draftToTransaction(draft, context));
    }
    return resources;
  });

  // What a server answers for 60 distinct saves (ids assigned, urn:uuid references rewritten),
  // read back as one searchset, as the clinician view does.
  const history: Bundle = {
    resourceType: 'Bundle',
    type: 'searchset',
    entry: Array.from({ length: 60 }, (_, i) => {
      const fixture = drafts[i % drafts.length] ?? drafts[0];
      if (!fixture) {
        return [];
      }
      const draft = { ...fixture, id: `${fixture.id.slice(0, -4)}${String(i).padStart(4, '0')}` };
      return serverResponse(draftToTransaction(draft, context), 1_000 + i * 100).entry ?? [];
    }).flat(),
  };
  const historySize = resourceCount(history);
  const toView = itemsPerSecond(() => {
    bundleToViews(history);
    return historySize;
  });

  const resources = drafts.flatMap((draft) =>
    (draftToTransaction(draft, context).entry ?? []).flatMap((entry) =>
      entry.resource ? [entry.resource] : [],
    ),
  );
  const validation = itemsPerSecond(() => {
    for (const resource of resources) {
      validateAgainstProfiles(resource);
    }
    return resources.length;
  }, 1000);

  const jsonRoundTrip = itemsPerSecond(() => {
    JSON.parse(JSON.stringify(history));
    return historySize;
  });
  const mapping = Math.min(toBundle, toView);

  return {
    mapping_draft_to_bundle_resources_per_s: toBundle,
    mapping_bundle_to_view_resources_per_s: toView,
    mapping_resources_per_s: mapping,
    json_round_trip_resources_per_s: jsonRoundTrip,
    mapping_vs_json_ratio: jsonRoundTrip / mapping,
    validation_resources_per_s: validation,
  };
}

/**
 * Mapping a resource may cost no more than a JSON round trip of it, measured in the same run so
 * a busy machine slows both alike.
 */
export const MAPPING_MAX_VS_JSON = 1;
