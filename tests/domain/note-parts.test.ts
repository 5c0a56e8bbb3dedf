import { describe, expect, it } from 'vitest';
import { ALL_NOTE_PARTS, partQueries, revIncludesFor } from '../../src/domain/note-parts';
import { ASSUMED_CAPABILITIES, supportsSearchParam } from '../../src/domain/server-capabilities';
import { vendorCapabilities } from '../support/vendor-capabilities';

const PAGE = ['Encounter/e1', 'Encounter/e2'];

describe('revIncludesFor', () => {
  it('sends no _revinclude to a server whose statement lists none', () => {
    expect(revIncludesFor(ASSUMED_CAPABILITIES).params).toEqual([]);
    expect(revIncludesFor(vendorCapabilities('epic')).parts.size).toBe(0);
  });

  it('uses the _revinclude Oracle Health lists on Encounter, and only that one', () => {
    expect(revIncludesFor(vendorCapabilities('oracle')).params).toEqual([
      ['_revinclude', 'Provenance:target'],
    ]);
  });
});

describe('partQueries', () => {
  it("searches the page's encounters in one request per part where the parameters are assumed", () => {
    const plan = partQueries(ASSUMED_CAPABILITIES, 'pt-1', PAGE, ALL_NOTE_PARTS);
    expect(plan.queries.map((q) => decodeURIComponent(q.path))).toEqual([
      'Observation?encounter=Encounter/e1,Encounter/e2&_count=500',
      'QuestionnaireResponse?encounter=Encounter/e1,Encounter/e2&_count=500',
      'Task?focus=Encounter/e1,Encounter/e2&_count=500',
      'Provenance?target=Encounter/e1,Encounter/e2&_count=500',
    ]);
  });

  it.each(['epic', 'oracle'] as const)('uses only search parameters the %s statement lists', (vendor) => {
    const capabilities = vendorCapabilities(vendor);
    for (const { path } of partQueries(capabilities, 'pt-1', PAGE, ALL_NOTE_PARTS).queries) {
      const [type = '', query = ''] = path.split('?', 2);
      for (const name of new URLSearchParams(query).keys()) {
        expect(name === '_count' || supportsSearchParam(capabilities, type, name), `${path}: ${name}`).toBe(
          true,
        );
      }
    }
  });

  it('falls back to patient and category on Epic, whose Observation has no encounter parameter, and leaves Provenance not loaded', () => {
    const plan = partQueries(vendorCapabilities('epic'), 'pt-1', PAGE, ALL_NOTE_PARTS);
    expect(decodeURIComponent(plan.queries[0]?.path ?? '')).toMatch(
      /^Observation\?patient=Patient\/pt-1&category=/,
    );
    expect(plan.unfetchable).toEqual(['provenances']);
  });

  it('knows a part is absent where the server offers no such resource (Task on Oracle Health)', () => {
    expect(partQueries(vendorCapabilities('oracle'), 'pt-1', PAGE, ALL_NOTE_PARTS).absent).toEqual([
      'responses',
      'tasks',
    ]);
  });

  it.each(['epic', 'oracle'] as const)(
    'spends no request on QuestionnaireResponses on %s, where PeerBridge writes none',
    (vendor) => {
      const plan = partQueries(vendorCapabilities(vendor), 'pt-1', PAGE, ALL_NOTE_PARTS);
      expect(plan.queries.map((q) => q.part)).not.toContain('responses');
      expect(plan.absent).toContain('responses');
    },
  );
});
