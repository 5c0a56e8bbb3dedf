import { describe, expect, it } from 'vitest';
import { caseloadQuery } from '../../src/domain/caseload';
import { ALL_NOTE_PARTS, partQueries } from '../../src/domain/note-parts';
import { planOptimisticContext, planPatientContext } from '../../src/domain/patient-context-queries';
import { patientHistoryQuery } from '../../src/domain/patient-history';
import { peerNoteQuery } from '../../src/domain/peer-note-query';
import { ifNoneExistFor, ifNoneExistForTag } from '../../src/domain/resource-keys';
import { queryString, searchPath } from '../../src/domain/search-query';
import { ASSUMED_CAPABILITIES } from '../../src/domain/server-capabilities';
import { vendorCapabilities } from '../support/vendor-capabilities';

/** What encodeURIComponent can leave in a value; `/`, `|`, `,`, `:` and spaces are not among them. */
const ENCODED_VALUE = /^[A-Za-z0-9\-_.!~*'()%]*$/;

/** An id with everything a proxy or a server may mangle. */
const AWKWARD = 'a//b|c,d e';

function queriesOf(path: string): string {
  return path.includes('?') ? (path.split('?', 2)[1] ?? '') : path;
}

function everyQueryTheAppBuilds(): string[] {
  const request = { patientId: AWKWARD, fhirUser: { resourceType: 'Practitioner', id: AWKWARD } };
  const role = { patientId: AWKWARD, fhirUser: { resourceType: 'PractitionerRole', id: AWKWARD } };
  const servers = [ASSUMED_CAPABILITIES, vendorCapabilities('epic'), vendorCapabilities('oracle')];
  return [
    ...servers.flatMap((capabilities) => [
      ...[request, role].flatMap((r) => [
        ...planOptimisticContext(r, capabilities).queries.map((q) => q.path),
        ...planPatientContext(r, capabilities).queries.map((q) => q.path),
      ]),
      patientHistoryQuery(AWKWARD, capabilities).path,
      peerNoteQuery(AWKWARD, capabilities).path,
      ...partQueries(capabilities, AWKWARD, [`Encounter/${AWKWARD}`], ALL_NOTE_PARTS).queries.map(
        (q) => q.path,
      ),
    ]),
    caseloadQuery(`Practitioner/${AWKWARD}`),
    ifNoneExistFor(AWKWARD),
    ifNoneExistForTag(AWKWARD),
  ].filter((path) => path.includes('='));
}

describe('queryString', () => {
  it('percent-encodes //, |, commas and spaces in values', () => {
    expect(queryString([['identifier', 'https://x.test/id|a, b']])).toBe(
      'identifier=https%3A%2F%2Fx.test%2Fid%7Ca%2C%20b',
    );
  });

  it('leaves a search without parameters as the bare type', () => {
    expect(searchPath('Encounter', [])).toBe('Encounter');
  });
});

describe('every query PeerBridge builds', () => {
  it('sends no value unencoded, whatever the ids hold', () => {
    const queries = everyQueryTheAppBuilds();
    expect(queries.length).toBeGreaterThan(20);
    for (const query of queries) {
      for (const pair of queriesOf(query).split('&')) {
        const value = pair.slice(pair.indexOf('=') + 1);
        expect(value, `${query}: ${pair}`).toMatch(ENCODED_VALUE);
      }
    }
  });
});
