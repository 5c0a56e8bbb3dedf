import type { FrameLocator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { FORMULA_DISPLAY } from '../../../mocks/fixtures/program-report-fixture';
import { formatDate } from '../../../src/domain/format';

type Surface = Page | FrameLocator;

/** Types a range into the report's date fields and waits for its figures. */
export async function showReportFor(surface: Surface, range: { from: string; to: string }): Promise<void> {
  await surface.getByLabel('First day').fill(range.from);
  await surface.getByLabel('Last day').fill(range.to);
  await surface.getByRole('button', { name: 'Show report' }).click();
  await surface
    .getByRole('heading', { name: `Figures for ${formatDate(range.from)} to ${formatDate(range.to)}` })
    .waitFor({ timeout: 30_000 });
}

/** The report table's rows as `section | figure | value | based on`. */
export async function readReportTable(surface: Surface): Promise<string[]> {
  const table = surface.getByRole('table', { name: /Program report figures/ });
  return table
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) =>
        [...row.querySelectorAll('th, td')].map((cell) => cell.textContent.trim()).join(' | '),
      ),
    );
}

/**
 * The fixture's figures, worked out by hand in mocks/fixtures/program-report-fixture.ts (not by
 * calling buildProgramReport): each row is what the table must say.
 */
export function expectHandWorkedFigures(rows: readonly string[]): void {
  const basis = '2 people first seen in the range (0 with the full 90 days after)';
  expect(rows).toEqual([
    'Reach | People served | 3 | 6 contacts',
    'Reach | Peer contacts | 6 | 3 people',
    'Format | Individual | 4 | 6 contacts',
    'Format | Group | 2 | 6 contacts',
    'Contact mode | In person | 3 | 6 contacts',
    `Contact mode | ${FORMULA_DISPLAY} | 1 | 6 contacts`,
    'Contact mode | Phone | 1 | 6 contacts',
    'Contact mode | Video | 1 | 6 contacts',
    'Setting | Not recorded | 3 | 6 contacts',
    'Setting | Community | 2 | 6 contacts',
    'Setting | Clinic | 1 | 6 contacts',
    'Billing | Billable units (15 minutes) | 20 | 6 contacts with a length',
    'Follow-ups | Raised | 3 | 3 requests',
    'Follow-ups | Acknowledged | 2 | of 3 raised',
    'PHQ-9 | Recorded | 4 | 4 readings',
    'PHQ-9 | Mean change first to last (lower is better) | -4.5 | 2 people with a first and a last reading',
    'Recovery check-in | Recorded | 2 | 2 readings',
    'Recovery check-in | Mean change first to last (higher is better) | +6 | 1 person with a first and a last reading',
    `Emergency department visits | 90 days before first peer contact | 3 | ${basis}`,
    `Emergency department visits | 90 days after first peer contact | 1 | ${basis}`,
    `Hospital admissions | 90 days before first peer contact | 1 | ${basis}`,
    `Hospital admissions | 90 days after first peer contact | 1 | ${basis}`,
  ]);
}
