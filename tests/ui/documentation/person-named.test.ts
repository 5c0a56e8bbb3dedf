import { describe, expect, it } from 'vitest';
import { formatPersonNamed } from '../../../src/ui/documentation/person-named';

describe('formatPersonNamed', () => {
  it('names the person with their birth date', () => {
    expect(
      formatPersonNamed({
        resourceType: 'Patient',
        name: [{ given: ['Maria', 'Elena'], family: 'Santos' }],
        birthDate: '1979-10-02',
      }),
    ).toBe('Maria Elena Santos, born Oct 2, 1979');
  });

  it('says plainly when the record has no birth date', () => {
    expect(formatPersonNamed({ resourceType: 'Patient', name: [{ text: 'Devon Walker' }] })).toBe(
      'Devon Walker (no birth date on record)',
    );
  });

  it('still has words when the EHR did not share the patient', () => {
    expect(formatPersonNamed(undefined)).toBe('the patient the EHR opened (it did not share their name)');
  });
});
