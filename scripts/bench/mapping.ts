import type { Bundle } from 'fhir/r4';
import { FIXTURE_DRAFTS, fixtureContext } from '../../mocks/fixtures/drafts';
import { validateAgainstProfiles } from '../../mocks/validation/profile-validator';
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
  /** The slower direction: the figure the 100,000/s target applies to. */
  readonly mapping_resources_per_s: number;
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

  return {
    mapping_draft_to_bundle_resources_per_s: toBundle,
    mapping_bundle_to_view_resources_per_s: toView,
    mapping_resources_per_s: Math.min(toBundle, toView),
    validation_resources_per_s: validation,
  };
}

export const MAPPING_TARGET_PER_S = 100_000;
