import { describe, expect, it } from 'vitest';
import { formatCodeableConcept, formatDate, formatHumanName } from '../../src/domain/format';

describe('formatHumanName', () => {
  it('prefers the official name and joins its parts', () => {
    expect(
      formatHumanName([
        { use: 'nickname', given: ['Mo'] },
        { use: 'official', prefix: ['Dr.'], given: ['Sam'], family: 'Okafor' },
      ]),
    ).toBe('Dr. Sam Okafor');
  });

  it('uses the text when a server sends only text', () => {
    expect(formatHumanName([{ text: 'Maria Santos' }])).toBe('Maria Santos');
  });

  it('returns an empty string for no name', () => {
    expect(formatHumanName(undefined)).toBe('');
  });
});

describe('formatCodeableConcept', () => {
  it('prefers text, then a display, then a bare code', () => {
    expect(formatCodeableConcept({ text: 'Depression', coding: [{ display: 'x' }] })).toBe('Depression');
    expect(
      formatCodeableConcept({ coding: [{ code: 'F33.1' }, { display: 'Major depressive disorder' }] }),
    ).toBe('Major depressive disorder');
    expect(formatCodeableConcept({ coding: [{ code: 'F33.1' }] })).toBe('F33.1');
  });
});

describe('formatDate', () => {
  it('shows a date-only value without a time-zone shift', () => {
    expect(formatDate('1984-01-01')).toBe('Jan 1, 1984');
  });

  it('shows partial dates as written', () => {
    expect(formatDate('1984')).toBe('1984');
    expect(formatDate('1984-07')).toBe('Jul 1984');
  });

  it('shows an unparseable value raw rather than hiding it', () => {
    expect(formatDate('sometime')).toBe('sometime');
  });
});
