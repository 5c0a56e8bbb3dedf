import { afterEach, describe, expect, it } from 'vitest';
import { fromLocalInputs, toLocalInputs } from '../../../src/ui/documentation/local-time';

const zoneBefore = process.env.TZ;

/** Runs the conversions in a browser time zone; Node reads TZ again whenever it is set. */
function inZone(zone: string): void {
  process.env.TZ = zone;
}

afterEach(() => {
  if (zoneBefore === undefined) {
    delete process.env.TZ;
  } else {
    process.env.TZ = zoneBefore;
  }
});

describe('fromLocalInputs', () => {
  it('writes a winter afternoon in New York with its -05:00 offset', () => {
    inZone('America/New_York');
    expect(fromLocalInputs('2026-11-27', '14:30')).toBe('2026-11-27T14:30:00-05:00');
  });

  it('writes a summer morning in New York with its daylight-saving -04:00 offset', () => {
    inZone('America/New_York');
    expect(fromLocalInputs('2026-07-01', '09:05')).toBe('2026-07-01T09:05:00-04:00');
  });

  it('writes half-hour offsets and UTC as FHIR expects them', () => {
    inZone('Asia/Kolkata');
    expect(fromLocalInputs('2026-11-27', '14:30')).toBe('2026-11-27T14:30:00+05:30');
    inZone('UTC');
    expect(fromLocalInputs('2026-11-27', '14:30')).toBe('2026-11-27T14:30:00+00:00');
  });

  it('names the instant the person meant', () => {
    inZone('America/Los_Angeles');
    expect(Date.parse(fromLocalInputs('2026-11-27', '14:30'))).toBe(Date.parse('2026-11-27T22:30:00Z'));
  });

  it.each([
    ['', '14:30'],
    ['2026-11-27', ''],
    ['2026-11-27', '2:30'],
    ['27/11/2026', '14:30'],
    ['2026-11-27', '14:30:00'],
  ])('gives an empty string for the incomplete input %j %j', (date, time) => {
    expect(fromLocalInputs(date, time)).toBe('');
  });
});

describe('toLocalInputs', () => {
  it('shows a stored dateTime on the person’s own clock', () => {
    inZone('America/Chicago');
    expect(toLocalInputs('2026-11-18T10:00:00-05:00')).toEqual({ date: '2026-11-18', time: '09:00' });
  });

  it('gives empty inputs for a value that is not a date', () => {
    expect(toLocalInputs('')).toEqual({ date: '', time: '' });
    expect(toLocalInputs('next Tuesday')).toEqual({ date: '', time: '' });
  });

  it.each(['America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'Pacific/Auckland', 'UTC'])(
    'round-trips a date and time through FHIR in %s',
    (zone) => {
      inZone(zone);
      for (const [date, time] of [
        ['2026-01-15', '00:00'],
        ['2026-07-04', '23:59'],
        ['2026-11-27', '14:30'],
      ] as const) {
        expect(toLocalInputs(fromLocalInputs(date, time))).toEqual({ date, time });
      }
    },
  );
});
