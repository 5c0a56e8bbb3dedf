import { describe, expect, it } from 'vitest';
import { DEFAULT_ISSUER_OPTIONS } from '../../src/domain/runtime-config-issuer';
import { loadIssuerOptions } from '../../src/fhir/issuer-options';

const CONFIG_URL = new URL('https://apps.example.test/peerbridge/peerbridge.config.json');
const ISS = 'https://ehr.example.test/fhir';

function serving(status: number, body: string): typeof fetch {
  return () => Promise.resolve(new Response(body, { status }));
}

describe('loadIssuerOptions', () => {
  it("reads the launching issuer's entry, matched by the session's server URL", async () => {
    const config = { issuers: [{ iss: `${ISS}/`, clientId: 'c', peerUsers: ['Practitioner/pr-7'] }] };
    const options = await loadIssuerOptions(CONFIG_URL, ISS, serving(200, JSON.stringify(config)));
    expect(options.peerRecognition.users).toEqual(['Practitioner/pr-7']);
  });

  it.each([
    ['a missing file', serving(404, 'not found')],
    ['a file that is not JSON', serving(200, '{ nope')],
    ['an invalid file', serving(200, JSON.stringify({ issuers: [{ iss: ISS }] }))],
    ['a failed fetch', () => Promise.reject(new TypeError('offline'))],
  ])('gives the defaults for %s', async (_, fetchImpl) => {
    expect(await loadIssuerOptions(CONFIG_URL, ISS, fetchImpl)).toBe(DEFAULT_ISSUER_OPTIONS);
  });
});
