/**
 * Reads what the program report needs: the user's caseload (CareTeam?participant), then the
 * encounters, score observations and tasks of those people, in chunks of people, each search paged
 * through its `next` links up to a bound. `complete` is false when a bound or an off-server link cut
 * a search short, so the screen can say the figures are partial.
 */
import type { CareTeam, Encounter, FhirResource, Observation, Task } from 'fhir/r4';
import { caseloadQuery } from '../domain/caseload';
import type { ReportInput, ReportRange } from '../domain/program-report';
import { ACUTE_WINDOW_DAYS } from '../domain/program-report';
import { parseReference } from '../domain/references';
import { searchPath } from '../domain/search-query';
import { mapBounded, PARALLEL_READS } from './bounded-requests';
import { isOwnPageLink, readSearchset } from './note-parts-query';
import type { FhirSession } from './smart-session';

/** Pages followed per search: 20 pages of 200 is more than a program's year. */
export const MAX_PAGES = 20;
const PEOPLE_PER_SEARCH = 20;
const DAY_MS = 24 * 60 * 60 * 1000;

async function searchAll(
  session: FhirSession,
  first: string,
): Promise<{ resources: FhirResource[]; complete: boolean }> {
  const resources: FhirResource[] = [];
  let path: string | undefined = first;
  for (let page = 0; path !== undefined && page < MAX_PAGES; page += 1) {
    const read = readSearchset((await session.request(path)).body);
    resources.push(...read.resources);
    if (read.next !== undefined && !isOwnPageLink(session, read.next)) {
      return { resources, complete: false };
    }
    path = read.next;
  }
  return { resources, complete: path === undefined };
}

function shiftDay(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(items.slice(i, i + size));
  }
  return out;
}

export async function loadProgramReportInput(
  session: FhirSession,
  user: string,
  range: ReportRange,
): Promise<{ input: ReportInput; complete: boolean }> {
  const caseload = await searchAll(session, caseloadQuery(user));
  const people = [
    ...new Set(
      caseload.resources
        .filter((r): r is CareTeam => r.resourceType === 'CareTeam')
        .flatMap((team) => {
          const subject = parseReference(team.subject?.reference);
          return subject?.resourceType === 'Patient' ? [subject.id] : [];
        }),
    ),
  ];
  // Acute care counts 90 days either side of a first contact that may fall anywhere in the range.
  const from = shiftDay(range.from, -ACUTE_WINDOW_DAYS);
  const to = shiftDay(range.to, ACUTE_WINDOW_DAYS);
  const groups = chunks(people, PEOPLE_PER_SEARCH).map((group) =>
    group.map((id) => `Patient/${id}`).join(','),
  );
  const searches = groups.flatMap((subjects) => [
    searchPath('Encounter', [
      ['subject', subjects],
      ['date', `ge${from}`],
      ['date', `le${to}`],
      ['_count', 200],
    ]),
    searchPath('Observation', [
      ['subject', subjects],
      ['date', `ge${range.from}`],
      ['date', `le${range.to}`],
      ['_count', 200],
    ]),
    searchPath('Task', [
      ['patient', subjects],
      ['_count', 200],
    ]),
  ]);
  const results = await mapBounded(searches, PARALLEL_READS, (path) => searchAll(session, path));
  const all = results.flatMap((r) => r.resources);
  return {
    input: {
      range,
      people,
      encounters: all.filter((r): r is Encounter => r.resourceType === 'Encounter'),
      observations: all.filter((r): r is Observation => r.resourceType === 'Observation'),
      tasks: all.filter((r): r is Task => r.resourceType === 'Task'),
    },
    complete: caseload.complete && results.every((r) => r.complete),
  };
}
