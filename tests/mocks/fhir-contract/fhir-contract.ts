/**
 * The FHIR behaviour PeerBridge relies on, as one suite that runs against every fake FHIR server
 * here: the in-browser one (`mocks/fake-fhir-server`) and the Medplum-engine sandbox
 * (`mocks/sandbox/fhir`). When the two disagree, the fake is changed to answer as Medplum does.
 * https://hl7.org/fhir/R4/http.html
 */
import type {
  Bundle,
  BundleEntry,
  Encounter,
  FhirResource,
  Observation,
  OperationOutcome,
  Patient,
} from 'fhir/r4';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RESOURCE_KEY_SYSTEM } from '../../../src/domain/codes';
import { ifNoneExistFor, keyIdentifier, keyTag } from '../../../src/domain/resource-keys';
import type { ContractReply, ContractServer, StartContractServer } from './contract-server';

const amy: Patient = { resourceType: 'Patient', id: 'amy-shaw', name: [{ family: 'Shaw', given: ['Amy'] }] };
const ben: Patient = {
  resourceType: 'Patient',
  id: 'ben-ortiz',
  name: [{ family: 'Ortiz', given: ['Ben'] }],
};

function observation(id: string, patientId: string, extra: Partial<Observation> = {}): Observation {
  return {
    resourceType: 'Observation',
    id,
    status: 'final',
    code: { text: 'Peer check-in' },
    subject: { reference: `Patient/${patientId}` },
    ...extra,
  };
}

const amyVisit: Encounter = {
  resourceType: 'Encounter',
  id: 'enc-amy-1',
  status: 'finished',
  class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' },
  subject: { reference: 'Patient/amy-shaw' },
  identifier: [keyIdentifier('draft-amy:encounter')],
};

/** Amy and Ben; Amy's visit and check-in (tagged); Ben's two check-ins that share one key by mistake. */
function seed(): FhirResource[] {
  return [
    amy,
    ben,
    amyVisit,
    observation('obs-amy-1', 'amy-shaw', { meta: { tag: [keyTag('draft-amy:provenance:1')] } }),
    observation('obs-ben-1', 'ben-ortiz', { identifier: [keyIdentifier('draft-ben:narrative')] }),
    observation('obs-ben-2', 'ben-ortiz', { identifier: [keyIdentifier('draft-ben:narrative')] }),
  ];
}

const newPatient = (family: string): Patient => ({ resourceType: 'Patient', name: [{ family }] });

// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the FHIR type it expects
function resourceOf<T extends FhirResource>(reply: ContractReply): T {
  return reply.body as T;
}

function issueText(reply: ContractReply): string {
  const issue = (reply.body as OperationOutcome | undefined)?.issue[0];
  return issue?.details?.text ?? issue?.diagnostics ?? '';
}

function idsOf(reply: ContractReply): string[] {
  return ((reply.body as Bundle).entry ?? [])
    .filter((entry) => entry.search?.mode !== 'include')
    .map((entry) => entry.resource?.id ?? '')
    .sort();
}

/** Each entry's response.status, in order. */
function entryStatuses(bundle: Bundle): (string | undefined)[] {
  return (bundle.entry ?? []).map((entry) => entry.response?.status);
}

function batchOfReads(urls: readonly string[]): Bundle {
  return {
    resourceType: 'Bundle',
    type: 'batch',
    entry: urls.map((url) => ({ request: { method: 'GET', url } })),
  };
}

function transaction(entry: BundleEntry[]): Bundle {
  return { resourceType: 'Bundle', type: 'transaction', entry };
}

/** A new visit of Amy's and a check-in that points at it by urn:uuid, both created conditionally. */
function visitWithCheckIn(key: string): Bundle {
  const visitUrn = 'urn:uuid:7f1c2b9e-3d4a-4c5b-8e6f-1a2b3c4d5e6f';
  return transaction([
    {
      fullUrl: visitUrn,
      resource: { ...amyVisit, id: undefined, identifier: [keyIdentifier(`${key}:encounter`)] },
      request: { method: 'POST', url: 'Encounter', ifNoneExist: ifNoneExistFor(`${key}:encounter`) },
    },
    {
      fullUrl: 'urn:uuid:0d9e8f7a-6b5c-4d3e-9f2a-1b0c9d8e7f6a',
      resource: {
        ...observation('ignored', 'amy-shaw'),
        id: undefined,
        encounter: { reference: visitUrn },
        identifier: [keyIdentifier(`${key}:narrative`)],
      },
      request: { method: 'POST', url: 'Observation', ifNoneExist: ifNoneExistFor(`${key}:narrative`) },
    },
  ]);
}

export function describeFhirContract(name: string, start: StartContractServer): void {
  describe(`the FHIR contract, on ${name}`, () => {
    let server: ContractServer;
    beforeEach(async () => {
      server = await start(seed());
    });
    afterEach(async () => {
      await server.stop();
    });

    describe('create', () => {
      it('creates a resource under an id of its own, as a first version, and says where', async () => {
        const reply = await server.request('Patient', {
          method: 'POST',
          body: { ...newPatient('Lee'), id: 'chosen-by-client' },
          headers: { Prefer: 'return=representation' },
        });

        const created = resourceOf<Patient>(reply);
        expect(reply.status).toBe(201);
        expect(created.id).toBeTruthy();
        expect(created.id).not.toBe('chosen-by-client');
        const versionId = created.meta?.versionId ?? '';
        expect(versionId).toBeTruthy();
        expect(reply.headers.get('ETag')).toBe(`W/"${versionId}"`);
        expect(reply.headers.get('Location')).toBe(
          `${server.base}/Patient/${created.id ?? ''}/_history/${versionId}`,
        );
      });

      it('refuses a create without a body with 400 and an OperationOutcome', async () => {
        const reply = await server.request('Patient', { method: 'POST' });

        expect(reply.status).toBe(400);
        expect(resourceOf<OperationOutcome>(reply).resourceType).toBe('OperationOutcome');
      });

      it('refuses a body of another type than the URL names', async () => {
        const reply = await server.request('Observation', { method: 'POST', body: newPatient('Lee') });

        expect(reply.status).toBe(400);
      });
    });

    describe('read and vread', () => {
      it('reads a resource with its version as ETag', async () => {
        const reply = await server.request('Patient/amy-shaw');

        expect(reply.status).toBe(200);
        expect(resourceOf<Patient>(reply).name?.[0]?.family).toBe('Shaw');
        expect(reply.headers.get('ETag')).toBe(`W/"${resourceOf<Patient>(reply).meta?.versionId ?? ''}"`);
      });

      it('answers 404 with an OperationOutcome for a resource it does not hold', async () => {
        const reply = await server.request('Patient/nobody-here');

        expect(reply.status).toBe(404);
        expect(resourceOf<OperationOutcome>(reply).resourceType).toBe('OperationOutcome');
      });

      it('reads each version of a resource by its versionId', async () => {
        const created = resourceOf<Patient>(
          await server.request('Patient', { method: 'POST', body: newPatient('Lee') }),
        );
        const id = created.id ?? '';
        const updated = resourceOf<Patient>(
          await server.request(`Patient/${id}`, {
            method: 'PUT',
            body: { ...created, name: [{ family: 'Li' }] },
          }),
        );

        const first = await server.request(`Patient/${id}/_history/${created.meta?.versionId ?? ''}`);
        const second = await server.request(`Patient/${id}/_history/${updated.meta?.versionId ?? ''}`);
        const unknown = await server.request(`Patient/${id}/_history/no-such-version`);

        expect(updated.meta?.versionId).not.toBe(created.meta?.versionId);
        expect(resourceOf<Patient>(first).name?.[0]?.family).toBe('Lee');
        expect(resourceOf<Patient>(second).name?.[0]?.family).toBe('Li');
        expect(unknown.status).toBe(404);
      });
    });

    describe('update', () => {
      async function current(): Promise<Patient> {
        return resourceOf<Patient>(await server.request('Patient/amy-shaw'));
      }

      it('updates a resource when If-Match names its current version', async () => {
        const before = await current();

        const reply = await server.request('Patient/amy-shaw', {
          method: 'PUT',
          body: { ...before, gender: 'female' },
          headers: { 'If-Match': `W/"${before.meta?.versionId ?? ''}"` },
        });

        expect(reply.status).toBe(200);
        const after = resourceOf<Patient>(reply);
        expect(after.gender).toBe('female');
        expect(after.meta?.versionId).toBeTruthy();
        expect(after.meta?.versionId).not.toBe(before.meta?.versionId);
        expect(reply.headers.get('ETag')).toBe(`W/"${after.meta?.versionId ?? ''}"`);
      });

      it('refuses with 412 an update whose If-Match names an old version, and keeps the resource', async () => {
        const before = await current();

        const reply = await server.request('Patient/amy-shaw', {
          method: 'PUT',
          body: { ...before, gender: 'female' },
          headers: { 'If-Match': 'W/"not-the-current-version"' },
        });

        expect(reply.status).toBe(412);
        expect((await current()).gender).toBeUndefined();
      });

      it('refuses with 412 an update with If-Match of a resource that does not exist', async () => {
        const reply = await server.request('Patient/not-yet', {
          method: 'PUT',
          body: { ...newPatient('Lee'), id: 'not-yet' },
          headers: { 'If-Match': 'W/"1"' },
        });

        expect(reply.status).toBe(412);
        expect((await server.request('Patient/not-yet')).status).toBe(404);
      });

      it('creates a resource at a new id when the update has no If-Match', async () => {
        const reply = await server.request('Patient/new-by-put', {
          method: 'PUT',
          body: { ...newPatient('Lee'), id: 'new-by-put' },
        });

        expect(reply.status).toBe(201);
        expect(resourceOf<Patient>(reply).id).toBe('new-by-put');
      });

      it('refuses an update whose body names another id than the URL', async () => {
        const reply = await server.request('Patient/amy-shaw', {
          method: 'PUT',
          body: { ...amy, id: 'ben-ortiz' },
        });

        expect(reply.status).toBe(400);
      });
    });

    describe('conditional create (If-None-Exist)', () => {
      const checkIn = (key: string): Observation => ({
        ...observation('ignored', 'amy-shaw'),
        id: undefined,
        identifier: [keyIdentifier(key)],
      });

      it('creates the resource when nothing matches', async () => {
        const reply = await server.request('Observation', {
          method: 'POST',
          body: checkIn('draft-new:narrative'),
          headers: { 'If-None-Exist': ifNoneExistFor('draft-new:narrative') },
        });

        expect(reply.status).toBe(201);
      });

      it('answers 200 with the one match and creates nothing', async () => {
        const reply = await server.request('Encounter', {
          method: 'POST',
          body: { ...amyVisit, id: undefined },
          headers: { 'If-None-Exist': ifNoneExistFor('draft-amy:encounter') },
        });
        const encounters = await server.request('Encounter?patient=Patient/amy-shaw');

        expect(reply.status).toBe(200);
        expect(resourceOf<Encounter>(reply).id).toBe('enc-amy-1');
        expect(idsOf(encounters)).toEqual(['enc-amy-1']);
      });

      it('refuses with 412 when more than one resource matches, and creates nothing', async () => {
        const reply = await server.request('Observation', {
          method: 'POST',
          body: checkIn('draft-ben:narrative'),
          headers: { 'If-None-Exist': ifNoneExistFor('draft-ben:narrative') },
        });
        const bens = await server.request('Observation?patient=Patient/ben-ortiz');

        expect(reply.status).toBe(412);
        expect(idsOf(bens)).toEqual(['obs-ben-1', 'obs-ben-2']);
      });
    });

    describe('transaction', () => {
      it('creates every entry and rewrites urn:uuid references to the new ids', async () => {
        const reply = await server.request('', { method: 'POST', body: visitWithCheckIn('draft-t1') });

        const response = resourceOf<Bundle>(reply);
        expect(reply.status).toBe(200);
        expect(response.type).toBe('transaction-response');
        expect(entryStatuses(response)).toEqual(['201 Created', '201 Created']);
        const [visit, checkIn] = response.entry ?? [];
        const visitId = visit?.resource?.id ?? '';
        const versionId = visit?.resource?.meta?.versionId ?? '';
        expect(visit?.response?.location).toBe(`Encounter/${visitId}/_history/${versionId}`);
        const stored = resourceOf<Observation>(
          await server.request(`Observation/${checkIn?.resource?.id ?? ''}`),
        );
        expect(stored.encounter?.reference).toBe(`Encounter/${visitId}`);
      });

      it('writes nothing twice when the same transaction is sent again', async () => {
        const first = resourceOf<Bundle>(
          await server.request('', { method: 'POST', body: visitWithCheckIn('draft-t2') }),
        );
        const again = resourceOf<Bundle>(
          await server.request('', { method: 'POST', body: visitWithCheckIn('draft-t2') }),
        );

        expect(entryStatuses(again)).toEqual(['200 OK', '200 OK']);
        expect(again.entry?.map((entry) => entry.resource?.id)).toEqual(
          first.entry?.map((entry) => entry.resource?.id),
        );
      });

      it('writes nothing at all when one entry is refused', async () => {
        const amyNow = resourceOf<Patient>(await server.request('Patient/amy-shaw'));
        const bundle = visitWithCheckIn('draft-t3');
        bundle.entry?.push({
          fullUrl: `${server.base}/Patient/amy-shaw`,
          resource: { ...amyNow, gender: 'female' },
          request: { method: 'PUT', url: 'Patient/amy-shaw', ifMatch: 'W/"not-the-current-version"' },
        });

        const reply = await server.request('', { method: 'POST', body: bundle });
        const encounters = await server.request('Encounter?patient=Patient/amy-shaw');

        expect(reply.status).toBe(412);
        expect(idsOf(encounters)).toEqual(['enc-amy-1']);
        expect(resourceOf<Patient>(await server.request('Patient/amy-shaw')).gender).toBeUndefined();
      });

      it('refuses with 412 a conditional create that matches more than one resource', async () => {
        const reply = await server.request('', {
          method: 'POST',
          body: transaction([
            {
              fullUrl: 'urn:uuid:5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d',
              resource: { ...observation('ignored', 'ben-ortiz'), id: undefined },
              request: {
                method: 'POST',
                url: 'Observation',
                ifNoneExist: ifNoneExistFor('draft-ben:narrative'),
              },
            },
          ]),
        });

        expect(reply.status).toBe(412);
      });

      it('refuses with 400 two conditional creates of the same resource in one transaction', async () => {
        const [visit] = visitWithCheckIn('draft-t4').entry ?? [];
        const twice = transaction([
          { ...visit, fullUrl: 'urn:uuid:11111111-1111-4111-8111-111111111111' },
          { ...visit, fullUrl: 'urn:uuid:22222222-2222-4222-8222-222222222222' },
        ]);

        const reply = await server.request('', { method: 'POST', body: twice });

        expect(reply.status).toBe(400);
        expect(issueText(reply)).toContain('Bundle.entry[1]');
      });
    });

    describe('batch', () => {
      it('answers each read on its own, a missing one with its own 404', async () => {
        const reply = await server.request('', {
          method: 'POST',
          body: batchOfReads([
            'Patient/amy-shaw',
            'Patient/nobody-here',
            'Observation?patient=Patient/ben-ortiz',
          ]),
        });

        const response = resourceOf<Bundle>(reply);
        expect(reply.status).toBe(200);
        expect(response.type).toBe('batch-response');
        expect(entryStatuses(response)).toEqual(['200 OK', '404 Not Found', '200 OK']);
        expect(response.entry?.[0]?.resource?.id).toBe('amy-shaw');
        expect(response.entry?.[1]?.response?.outcome?.resourceType).toBe('OperationOutcome');
        expect((response.entry?.[2]?.resource as Bundle | undefined)?.total).toBe(2);
      });
    });

    describe('search', () => {
      it('finds a person’s resources by patient reference, as a searchset with absolute fullUrls', async () => {
        const reply = await server.request('Observation?patient=Patient/amy-shaw');

        const bundle = resourceOf<Bundle>(reply);
        expect(bundle.type).toBe('searchset');
        expect(bundle.total).toBe(1);
        expect(bundle.entry?.[0]?.fullUrl).toBe(`${server.base}/Observation/obs-amy-1`);
        expect(bundle.entry?.[0]?.search?.mode).toBe('match');
      });

      it('finds resources by identifier system and value, encoded as the app sends it', async () => {
        const reply = await server.request(`Encounter?${ifNoneExistFor('draft-amy:encounter')}`);

        expect(idsOf(reply)).toEqual(['enc-amy-1']);
      });

      it('finds resources by meta.tag', async () => {
        const tag = encodeURIComponent(`${RESOURCE_KEY_SYSTEM}|draft-amy:provenance:1`);

        const reply = await server.request(`Observation?_tag=${tag}`);

        expect(idsOf(reply)).toEqual(['obs-amy-1']);
      });

      it('finds nothing, not everything, for a key no resource carries', async () => {
        const reply = await server.request(`Observation?${ifNoneExistFor('draft-nobody:narrative')}`);

        expect(resourceOf<Bundle>(reply).total).toBe(0);
        expect(idsOf(reply)).toEqual([]);
      });
    });
  });
}
