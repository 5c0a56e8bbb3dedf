import { describe, expect, it } from 'vitest';
import { findIssuer, parseRuntimeConfig, RuntimeConfigError } from '../../launch/runtime-config';

const EPIC = { iss: 'https://fhir.example-epic.test/api/FHIR/R4', clientId: 'abc-123', label: 'Epic test' };

describe('parseRuntimeConfig', () => {
  it('accepts a list of issuers with client ids', () => {
    expect(parseRuntimeConfig({ issuers: [EPIC] })).toEqual({ issuers: [EPIC] });
  });

  it.each([
    [{}, '"issuers" is missing'],
    [{ issuers: [{ clientId: 'x' }] }, 'issuers[0].iss is missing'],
    [{ issuers: [{ iss: 'https://a.test/fhir' }] }, 'issuers[0].clientId is missing'],
    [{ issuers: [{ iss: 'http://ehr.test/fhir', clientId: 'x' }] }, 'issuers[0].iss must use https'],
    [
      { issuers: [{ iss: 'https://a.test/fhir', clientId: 'x', clientid: 'y' }] },
      'issuers[0].clientid is not a known setting',
    ],
    [{ issuers: [EPIC, { ...EPIC, iss: `${EPIC.iss}/` }] }, 'issuers[1].iss repeats an issuer'],
    [{ issuers: [{ ...EPIC, redirectUri: 'not a url' }] }, 'issuers[0].redirectUri is not a URL'],
  ])('names the bad key in %j', (json, message) => {
    expect(() => parseRuntimeConfig(json)).toThrow(RuntimeConfigError);
    expect(() => parseRuntimeConfig(json)).toThrow(message);
  });

  it('allows plain http on localhost only, for a local sandbox', () => {
    expect(() =>
      parseRuntimeConfig({ issuers: [{ iss: 'http://localhost:4010/fhir', clientId: 'x' }] }),
    ).not.toThrow();
  });
});

describe('findIssuer', () => {
  const config = parseRuntimeConfig({ issuers: [EPIC] });

  it('matches regardless of a trailing slash or the case of the host', () => {
    expect(findIssuer(config, 'https://FHIR.example-epic.test/api/FHIR/R4/')).toEqual(EPIC);
  });

  it('does not match another path on the same host', () => {
    expect(findIssuer(config, 'https://fhir.example-epic.test/api/FHIR/R4-other')).toBeUndefined();
  });

  it('does not match a look-alike host', () => {
    expect(findIssuer(config, 'https://fhir.example-epic.test.evil.test/api/FHIR/R4')).toBeUndefined();
  });
});
