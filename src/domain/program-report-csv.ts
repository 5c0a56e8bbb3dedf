import { buildCsv } from './csv';
import type { ProgramReport } from './program-report';
import { reportLines } from './program-report-lines';

/** A figure we computed goes out as a number (a change of −6 is data, not a formula). */
function valueCell(value: string): string | number {
  const number = Number(value);
  return value.trim() !== '' && Number.isFinite(number) ? number : value;
}

/** The program report as CSV: the range first, then one line per figure with the count behind it. */
export function programReportCsv(report: ProgramReport): string {
  return buildCsv([
    ['From', report.range.from],
    ['To', report.range.to],
    ['Section', 'Figure', 'Value', 'Based on'],
    ...reportLines(report).map((line) => [line.section, line.figure, valueCell(line.value), line.basis]),
  ]);
}
