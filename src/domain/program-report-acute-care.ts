/**
 * Acute care in a program report: emergency visits and hospital admissions in the 90 days before each
 * person's first peer contact vs the 90 days after, for people first seen in the range.
 */
import { inRange, type ReportRange } from './program-report-range';

const DAY_MS = 24 * 60 * 60 * 1000;
/** The window either side of the first peer contact (issue 14). */
export const ACUTE_WINDOW_DAYS = 90;

export interface AcuteComparison {
  readonly label: string;
  readonly before: number;
  readonly after: number;
}

/** An emergency visit or hospital admission of a person, at the start of the encounter. */
export interface AcuteEvent {
  readonly person: string;
  readonly time: number;
  readonly kind: 'emergency' | 'inpatient';
}

export interface AcuteCare {
  /** People whose first peer contact is in the range: the n behind the before/after figures. */
  readonly acutePeople: number;
  /** Of those, people whose 90 days after have fully passed by the end of the range. */
  readonly acuteWindowComplete: number;
  readonly acute: readonly AcuteComparison[];
}

/** Before/after counts around each first contact (`firstContact`: earliest peer contact per person, any date). */
export function acuteCare(
  firstContact: ReadonlyMap<string, number>,
  acuteEvents: readonly AcuteEvent[],
  range: ReportRange,
): AcuteCare {
  const rangeEnd = Date.parse(`${range.to}T23:59:59Z`);
  const window = ACUTE_WINDOW_DAYS * DAY_MS;
  let acutePeople = 0;
  let complete = 0;
  const before = { emergency: 0, inpatient: 0 };
  const after = { emergency: 0, inpatient: 0 };
  for (const [person, first] of firstContact) {
    if (!inRange(new Date(first).toISOString().slice(0, 10), range)) {
      continue;
    }
    acutePeople += 1;
    if (first + window <= rangeEnd) {
      complete += 1;
    }
    for (const event of acuteEvents) {
      if (event.person !== person) {
        continue;
      }
      if (event.time >= first - window && event.time < first) {
        before[event.kind] += 1;
      } else if (event.time >= first && event.time < first + window) {
        after[event.kind] += 1;
      }
    }
  }

  return {
    acutePeople,
    acuteWindowComplete: complete,
    acute: [
      { label: 'Emergency department visits', before: before.emergency, after: after.emergency },
      { label: 'Hospital admissions', before: before.inpatient, after: after.inpatient },
    ],
  };
}
