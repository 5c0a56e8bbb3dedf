import type { Encounter } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import {
  cosigned,
  ORGANIZATION,
  PEER,
  PEOPLE,
  peerContact,
  returned,
  signed,
  SUPERVISOR,
} from '../../mocks/fixtures/review-notes';
import { errorsOf, validateAgainstProfiles } from '../../scripts/profiles/validation/profile-validator';
import { ASSUMED_CAPABILITIES, type ServerCapabilities } from '../../src/domain/server-capabilities';
import { reviewStateOf, reviewRecordsIn } from '../../src/domain/note-review';
import { buildReviewQueue, reviewNotesQuery, separateReviewSearches } from '../../src/domain/review-queue';
import { caseloadReviewStatuses, reviewedByLine } from '../../src/domain/review-status';
import {
  buildCosignature,
  buildNoteReturn,
  describeReviewRefusal,
  planReviewWrite,
  reviewKey,
} from '../../src/domain/review-writes';
import { readProvenance, sortHistory } from '../../src/domain/provenance-history';

const mariaMonday = peerContact('enc-maria-1', 'pt-maria-santos', '2026-03-02T15:00:00Z');
const mariaThursday = peerContact('enc-maria-2', 'pt-maria-santos', '2026-03-05T15:00:00Z', 45);
const danaTuesday = peerContact('enc-dana-1', 'pt-dana-ellis', '2026-03-03T10:00:00Z');
const reviewer = { ...SUPERVISOR, organization: ORGANIZATION };

function queueOf(...resources: Parameters<typeof buildReviewQueue>[0]) {
  return buildReviewQueue(resources, PEOPLE);
}

describe('buildReviewQueue', () => {
  it('lists signed notes newest signature first, with the person, the peer and a summary', () => {
    const queue = queueOf(
      mariaMonday,
      danaTuesday,
      mariaThursday,
      signed('enc-maria-1', '2026-03-02T16:00:00Z'),
      signed('enc-dana-1', '2026-03-06T09:00:00Z'),
      signed('enc-maria-2', '2026-03-05T16:00:00Z'),
    );
    expect(queue.map((n) => n.encounterId)).toEqual(['enc-dana-1', 'enc-maria-2', 'enc-maria-1']);
    expect(queue[1]).toMatchObject({
      personName: 'Maria Santos',
      peer: PEER,
      start: '2026-03-05T15:00:00Z',
      summary: 'Phone · 45 min',
      revision: 1,
    });
  });

  it('leaves out notes nobody signed, drafts, and clinical encounters', () => {
    const draft: Encounter = { ...mariaThursday, status: 'in-progress' };
    const clinical: Encounter = { ...danaTuesday, type: [{ text: 'Psychiatry follow-up' }] };
    expect(queueOf(mariaMonday, draft, clinical, signed('enc-maria-2', '2026-03-05T16:00:00Z'))).toEqual([]);
  });

  it('leaves out a co-signed note and a returned note, and brings an amended one back', () => {
    const resources = [
      mariaMonday,
      mariaThursday,
      signed('enc-maria-1', '2026-03-02T16:00:00Z'),
      cosigned('enc-maria-1', '2026-03-03T09:00:00Z'),
      signed('enc-maria-2', '2026-03-05T16:00:00Z'),
      returned('enc-maria-2', 'pt-maria-santos', '2026-03-06T09:00:00Z', 'Add her words.'),
    ];
    expect(queueOf(...resources)).toEqual([]);
    const amended = { ...signed('enc-maria-2', '2026-03-07T12:00:00Z'), id: 'prov-amend' };
    expect(queueOf(...resources, amended).map((n) => [n.encounterId, n.revision])).toEqual([
      ['enc-maria-2', 2],
    ]);
  });

  it('co-signs every resource the peer signed, the Encounter first', () => {
    const [note] = queueOf(
      mariaMonday,
      signed('enc-maria-1', '2026-03-02T16:00:00Z', [
        'Observation/obs-1',
        'DocumentReference/doc-1',
        'urn:uuid:x',
      ]),
    );
    expect(note?.targets).toEqual(['Encounter/enc-maria-1', 'Observation/obs-1', 'DocumentReference/doc-1']);
  });
});

describe('reviewStateOf', () => {
  it('says who co-signed and when', () => {
    const records = reviewRecordsIn([
      signed('enc-maria-1', '2026-03-02T16:00:00Z'),
      cosigned('enc-maria-1', '2026-03-03T09:00:00Z'),
    ]);
    expect(reviewStateOf('Encounter/enc-maria-1', records)).toEqual({
      kind: 'cosigned',
      signedAt: '2026-03-02T16:00:00Z',
      revision: 1,
      by: 'Riley Santos',
      at: '2026-03-03T09:00:00Z',
    });
  });

  it('does not count a co-signature as the peer signing the note', () => {
    const records = reviewRecordsIn([cosigned('enc-maria-1', '2026-03-03T09:00:00Z')]);
    expect(reviewStateOf('Encounter/enc-maria-1', records).kind).toBe('unsigned');
  });
});

describe('what a review writes', () => {
  const [note] = queueOf(
    mariaMonday,
    signed('enc-maria-1', '2026-03-02T16:00:00Z', ['Observation/obs-1', 'DocumentReference/doc-1']),
  );
  if (!note) {
    throw new Error('the fixture gave no note to review');
  }

  it('co-signs with a Provenance that validates against peer-cosign-provenance', () => {
    const provenance = buildCosignature(note, reviewer, '2026-03-03T09:00:00Z');
    expect(errorsOf(validateAgainstProfiles(provenance))).toEqual([]);
    expect(provenance.agent[0]?.who).toEqual({
      reference: SUPERVISOR.reference,
      display: SUPERVISOR.display,
    });
    expect(provenance.target.map((t) => t.reference)).toEqual(note.targets);
  });

  it('makes a co-signature the profile rejects when it claims authorship', () => {
    const provenance = buildCosignature(note, reviewer, '2026-03-03T09:00:00Z');
    const claimed = {
      ...provenance,
      agent: [...provenance.agent, { ...signed('x', '2026-03-03T09:00:00Z').agent[0], who: SUPERVISOR }],
    };
    expect(
      errorsOf(validateAgainstProfiles(claimed))
        .map((i) => i.message)
        .join(' '),
    ).toContain('pcs-3');
  });

  it('reads back as a co-signature in the note history: "Reviewed by …"', () => {
    const history = sortHistory(
      [
        signed('enc-maria-1', '2026-03-02T16:00:00Z'),
        buildCosignature(note, reviewer, '2026-03-10T15:00:00Z'),
      ].map(readProvenance),
    );
    expect(reviewedByLine(history)).toBe('Reviewed by Riley Santos on Mar 10, 2026');
    const amended = sortHistory([...history, readProvenance(signed('enc-maria-1', '2026-03-11T10:00:00Z'))]);
    expect(reviewedByLine(amended)).toBe(
      'Reviewed by Riley Santos on Mar 10, 2026 (before the latest amendment)',
    );
    expect(reviewedByLine(history.slice(0, 1))).toBeUndefined();
  });

  it('returns a note with a Communication to the peer that validates against peer-note-return', () => {
    const message = buildNoteReturn(
      note,
      reviewer,
      '  Please add what Maria said about the choir. ',
      '2026-03-03T09:00:00Z',
    );
    expect(errorsOf(validateAgainstProfiles(message))).toEqual([]);
    expect(message.recipient).toEqual([PEER]);
    expect(message.about).toEqual([{ reference: 'DocumentReference/doc-1' }]);
    expect(message.payload?.[0]?.contentString).toBe('Please add what Maria said about the choir.');
  });

  it('keys each write by the note and its revision, so a retry can find it', () => {
    expect(reviewKey.cosign(note)).toBe('review:enc-maria-1:cosign:1');
    expect(buildCosignature(note, reviewer, '2026-03-03T09:00:00Z').meta?.tag?.[0]?.code).toBe(
      'review:enc-maria-1:cosign:1',
    );
    expect(buildNoteReturn(note, reviewer, 'x', '2026-03-03T09:00:00Z').identifier?.[0]?.value).toBe(
      'review:enc-maria-1:return:1',
    );
  });
});

describe('planReviewWrite', () => {
  const known = (interactions: string[], conditionalCreate = false): ServerCapabilities => ({
    known: true,
    transaction: false,
    batch: false,
    resources: {
      Provenance: {
        interactions,
        conditionalCreate,
        searchParams: [],
        searchInclude: [],
        searchRevInclude: [],
        supportedProfiles: [],
      },
    },
  });

  it('writes where the scope and the server allow, conditionally where the server says it can', () => {
    expect(planReviewWrite('cosign', known(['create'], true), 'user/Provenance.crs', false)).toEqual({
      kind: 'write',
      resourceType: 'Provenance',
      conditional: true,
    });
  });

  it('refuses, in words, where the server takes no Provenance from apps (Epic: read only)', () => {
    expect(planReviewWrite('cosign', known(['read', 'search-type']), 'user/Provenance.crs', false)).toEqual({
      kind: 'refused',
      reason: 'server',
    });
    expect(describeReviewRefusal('cosign', 'server')).toContain('Co-sign the note in the EHR itself');
  });

  it('refuses where the token grants no create, and after this server refused once', () => {
    expect(planReviewWrite('cosign', ASSUMED_CAPABILITIES, 'user/Provenance.rs', false).kind).toBe('refused');
    expect(planReviewWrite('return', ASSUMED_CAPABILITIES, 'user/Communication.cs', true)).toEqual({
      kind: 'refused',
      reason: 'refused-earlier',
    });
  });
});

describe('the notes search', () => {
  it('revincludes Provenances and Communications only where the server lists them', () => {
    expect(reviewNotesQuery(['pt-maria-santos'], ASSUMED_CAPABILITIES)).toEqual({
      path: 'Encounter?patient=Patient%2Fpt-maria-santos&status=finished&_count=200',
      separate: ['Provenance', 'Communication'],
    });
    expect(separateReviewSearches(['Provenance'], ['Encounter/a', 'Encounter/b'])).toEqual([
      'Provenance?target=Encounter%2Fa%2CEncounter%2Fb&_count=200',
    ]);
  });
});

describe('caseloadReviewStatuses', () => {
  it("says, per person, where their latest note stands, with the supervisor's comment", () => {
    const resources = [
      mariaMonday,
      mariaThursday,
      danaTuesday,
      signed('enc-maria-1', '2026-03-02T16:00:00Z'),
      signed('enc-maria-2', '2026-03-05T16:00:00Z'),
      returned('enc-maria-2', 'pt-maria-santos', '2026-03-06T09:00:00Z', 'Add her words.'),
      signed('enc-dana-1', '2026-03-03T11:00:00Z'),
    ];
    const statuses = caseloadReviewStatuses(
      resources.filter((r): r is Encounter => r.resourceType === 'Encounter'),
      reviewRecordsIn(resources),
    );
    expect(Object.fromEntries(statuses)).toEqual({
      'pt-maria-santos': 'Returned by Riley Santos: Add her words.',
      'pt-dana-ellis': 'Awaiting review',
    });
  });
});
