/** The program report as lines of a table, shared by the screen and the CSV: figure, value, and the count behind it. */
import { ACUTE_WINDOW_DAYS } from './program-report-acute-care';
import type { ProgramReport, ReportGap } from './program-report';

/** One line of the report's table: the figure, its value and the count behind it. */
export interface ReportLine {
  readonly section: string;
  readonly figure: string;
  readonly value: string;
  readonly basis: string;
}

function mean(value: number | undefined): string {
  if (value === undefined) {
    return 'No one with two readings';
  }
  const rounded = Math.round(value * 10) / 10;
  return rounded > 0 ? `+${rounded}` : String(rounded);
}

function people(count: number): string {
  return `${count} ${count === 1 ? 'person' : 'people'}`;
}

/** A figure the server could not supply: said so, with why, rather than shown as 0. */
function notAvailable(section: string, figure: string, gap: ReportGap): ReportLine {
  return { section, figure, value: 'Not available', basis: gap.message };
}

/** The report as the rows the screen's table and the CSV share, in reading order. */
export function reportLines(report: ProgramReport): ReportLine[] {
  const contacts = `${report.contacts} contacts`;
  const lines: ReportLine[] = [
    { section: 'Reach', figure: 'People served', value: String(report.peopleServed), basis: contacts },
    {
      section: 'Reach',
      figure: 'Peer contacts',
      value: String(report.contacts),
      basis: people(report.peopleServed),
    },
    { section: 'Format', figure: 'Individual', value: String(report.individual), basis: contacts },
    { section: 'Format', figure: 'Group', value: String(report.group), basis: contacts },
    ...report.byMode.map((row) => ({
      section: 'Contact mode',
      figure: row.label,
      value: String(row.count),
      basis: contacts,
    })),
    ...report.bySetting.map((row) => ({
      section: 'Setting',
      figure: row.label,
      value: String(row.count),
      basis: contacts,
    })),
    {
      section: 'Billing',
      figure: 'Billable units (15 minutes)',
      value: String(report.billableUnits),
      basis: `${report.contactsWithLength} contacts with a length`,
    },
  ];
  const gap = (part: ReportGap['part']) => report.gaps.find((g) => g.part === part);
  const followUpGap = gap('follow-ups');
  lines.push(
    ...(followUpGap
      ? [notAvailable('Follow-ups', 'Raised and acknowledged', followUpGap)]
      : [
          {
            section: 'Follow-ups',
            figure: 'Raised',
            value: String(report.followUpsRaised),
            basis: `${report.followUpsRaised} requests`,
          },
          {
            section: 'Follow-ups',
            figure: 'Acknowledged',
            value: String(report.followUpsAcknowledged),
            basis: `of ${report.followUpsRaised} raised`,
          },
        ]),
  );
  const measureGap = gap('measures');
  if (measureGap) {
    lines.push(notAvailable('Measures', 'Recorded and mean change', measureGap));
  }
  for (const m of report.measures) {
    lines.push(
      { section: m.name, figure: 'Recorded', value: String(m.recorded), basis: `${m.recorded} readings` },
      {
        section: m.name,
        figure: `Mean change first to last (${m.better} is better)`,
        value: mean(m.meanChange),
        basis: `${people(m.peopleWithBoth)} with a first and a last reading`,
      },
    );
  }
  const firstContactGap = gap('first-contact');
  const acuteBasis =
    `${people(report.acutePeople)} first seen in the range (${report.acuteWindowComplete} with the full ${ACUTE_WINDOW_DAYS} days after)` +
    (firstContactGap ? `. ${firstContactGap.message}` : '');
  for (const row of report.acute) {
    lines.push(
      {
        section: row.label,
        figure: `${ACUTE_WINDOW_DAYS} days before first peer contact`,
        value: String(row.before),
        basis: acuteBasis,
      },
      {
        section: row.label,
        figure: `${ACUTE_WINDOW_DAYS} days after first peer contact`,
        value: String(row.after),
        basis: acuteBasis,
      },
    );
  }
  return lines;
}
