import type { Encounter, FhirResource } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { devonGroupDraft, lenaPart2Draft, mariaIndividualDraft } from '../../mocks/fixtures/drafts';
import { labelNotice } from '../../src/domain/label-notice';
import { buildTimeline } from '../../src/domain/timeline';
import {
  filterEncounters,
  NO_FILTER,
  peerRoleOf,
  peerRolesIn,
  UNKNOWN_PEER_ROLE,
} from '../../src/domain/timeline-filter';
import { storedNote } from './support/stored-note';

const NOW = new Date('2026-11-20T17:05:00Z');
const ACT = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';

function encounterOf(resources: FhirResource[]): Encounter {
  const encounter = resources.find(
    (r): r is Encounter => r.resourceType === 'Encounter' && r.subject !== undefined,
  );
  if (!encounter) {
    throw new Error('no encounter');
  }
  return encounter;
}

const maria = encounterOf(storedNote(mariaIndividualDraft, 1000));
const lenaDraft = encounterOf(storedNote(lenaPart2Draft, 2000));
const devon = encounterOf(storedNote(devonGroupDraft, 3000));
const ed: Encounter = {
  resourceType: 'Encounter',
  id: 'ed',
  status: 'finished',
  class: { system: ACT, code: 'EMER' },
  type: [{ text: 'Emergency department visit' }],
  period: { start: '2026-09-12T03:00:00Z' },
};
const therapy: Encounter = {
  resourceType: 'Encounter',
  id: 'therapy',
  status: 'finished',
  class: { system: ACT, code: 'VR' },
  type: [{ text: 'Individual psychotherapy (video)' }],
  period: { start: '2026-11-02T18:00:00Z' },
};
const all = [maria, lenaDraft, devon, ed, therapy];
const roles = new Map([['PractitionerRole/role-alex-rivera', 'Peer Specialist']]);
const ids = (encounters: Encounter[]) => encounters.map((e) => e.id);

describe('filterEncounters', () => {
  it('hides a peer’s draft in progress from the clinician by default', () => {
    expect(ids(filterEncounters(all, NO_FILTER, roles))).toEqual([maria.id, devon.id, 'ed', 'therapy']);
  });

  it('shows drafts in progress when the clinician asks for them', () => {
    expect(ids(filterEncounters(all, { ...NO_FILTER, showDrafts: true }, roles))).toContain(lenaDraft.id);
  });

  it('shows only peer or only clinical care', () => {
    expect(ids(filterEncounters(all, { ...NO_FILTER, kind: 'peer' }, roles))).toEqual([maria.id, devon.id]);
    expect(ids(filterEncounters(all, { ...NO_FILTER, kind: 'clinical' }, roles))).toEqual(['ed', 'therapy']);
  });

  it('keeps a date range, both ends included', () => {
    const range = { ...NO_FILTER, from: '2026-09-12', to: '2026-11-02' };
    expect(ids(filterEncounters(all, range, roles))).toEqual(['ed', 'therapy']);
  });

  it('keeps one peer role, and only peer care with it', () => {
    expect(ids(filterEncounters(all, { ...NO_FILTER, peerRole: 'Peer Specialist' }, roles))).toEqual([
      maria.id,
      devon.id,
    ]);
    expect(filterEncounters(all, { ...NO_FILTER, peerRole: 'Youth Peer Advocate' }, roles)).toEqual([]);
  });
});

describe('peer roles', () => {
  it('reads the role the author acted in, and says when the EHR did not share it', () => {
    expect(peerRoleOf(maria, roles)).toBe('Peer Specialist');
    expect(peerRoleOf(maria, new Map())).toBe(UNKNOWN_PEER_ROLE);
    expect(peerRolesIn(all, roles)).toEqual(['Peer Specialist']);
  });
});

describe('counts for the clinician', () => {
  it('says what happened in the last 90 days in one sentence', () => {
    const timeline = buildTimeline(filterEncounters(all, NO_FILTER, roles), { now: NOW });
    expect(timeline.summary).toBe(
      '1 peer contact, 1 group peer session, 1 therapy visit, 1 ED visit in the last 90 days',
    );
  });
});

describe('labelNotice', () => {
  it('tells the reader a Part 2 note may not be redisclosed', () => {
    expect(labelNotice(lenaDraft.meta?.security)).toBe(
      'Restricted — 42 CFR Part 2: do not redisclose without consent',
    );
  });

  it('says a restricted note is restricted, and says nothing about an unlabelled one', () => {
    expect(labelNotice(devon.meta?.security)).toMatch(/^Restricted — behavioural health/);
    expect(labelNotice(maria.meta?.security)).toBeUndefined();
    expect(labelNotice('junk')).toBeUndefined();
  });
});
