import { describe, expect, it } from 'vitest';
import { nextLink } from '../../src/domain/bundle-links';

describe('nextLink', () => {
  it('returns the next link of a searchset as the server gave it', () => {
    const bundle = {
      resourceType: 'Bundle',
      link: [
        { relation: 'self', url: 'https://fhir.test/Encounter?_offset=0' },
        { relation: 'next', url: 'https://fhir.test/Encounter?_getpages=abc' },
      ],
    };
    expect(nextLink(bundle)).toBe('https://fhir.test/Encounter?_getpages=abc');
  });

  it('returns undefined on the last page, for odd links and for anything that is not a Bundle', () => {
    expect(nextLink({ resourceType: 'Bundle', link: [{ relation: 'self', url: 'x' }] })).toBeUndefined();
    expect(
      nextLink({ resourceType: 'Bundle', link: [{ relation: 'next', url: 42 }, 'junk'] }),
    ).toBeUndefined();
    expect(nextLink({ resourceType: 'Bundle', link: 'not a list' })).toBeUndefined();
    expect(nextLink({ resourceType: 'Patient', link: [{ relation: 'next', url: 'x' }] })).toBeUndefined();
    expect(nextLink(undefined)).toBeUndefined();
  });
});
