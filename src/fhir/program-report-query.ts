/**
 * Reads what the program report needs: the care teams the user is on, then the encounters, score
 * observations and tasks of those people, a group of people per search, each search paged through
 * its `next` links (https://hl7.org/fhir/R4/http.html#paging). Which searches are sent follows the
 * server's CapabilityStatement (`planReportSearches`). Everything is bounded: pages per search,
 * requests per report, searches in flight; `complete` is false when a bound or an off-server link cut
 * a search short, so the screen can say the figures are partial.
 */
import type { CareTeam, Encounter, FhirResource, Observation, Task } from 'fhir/r4';
import type { ReportGap, ReportInput } from '../domain/program-report';
import type { ReportRange } from '../domain/program-report-range';
import {
  isBlockingGap,
  PEOPLE_PER_SEARCH,
  planReportSearches,
  reportSearches,
  type ReportSearchPlan,
} from '../domain/program-report-queries';
import { parseReference } from '../domain/references';
import type { ServerCapabilities } from '../domain/server-capabilities';
import { mapBounded, PARALLEL_READS } from './bounded-requests';
import { FhirHttpError } from './fhir-errors';
import { isOwnPageLink, readSearchset } from './note-parts-query';
import type { FhirSession } from './smart-session';
import { chunks } from '../domain/chunks';

/** Pages followed per search: 20 pages of 200 is more than a program's year. */
export const MAX_PAGES = 20;
/**
 * Requests one report may send in all (a vendor counts and throttles every call): enough for 300
 * people (15 groups, 4 searches each, a few pages) with room to spare.
 */
export const MAX_REPORT_REQUESTS = 240;

export interface ReportLoadOptions {
  /** References a care team may list the user by: their Practitioner, their PractitionerRole. */
  readonly userRefs: readonly string[];
  readonly range: ReportRange;
  readonly capabilities: ServerCapabilities;
  /** At most this many requests (default MAX_REPORT_REQUESTS). */
  readonly maxRequests?: number;
}

export type ReportLoad =
  /** The server cannot supply the people or their contacts: no figures, only why. */
  | { readonly kind: 'blocked'; readonly gaps: readonly ReportGap[] }
  | {
      readonly kind: 'loaded';
      readonly input: ReportInput;
      readonly complete: boolean;
      /** FHIR requests sent, for the screen's "based on" line and the tests' bound. */
      readonly requests: number;
    };

interface Budget {
  used: number;
  readonly max: number;
}

async function searchAll(
  session: FhirSession,
  first: string,
  budget: Budget,
): Promise<{ resources: FhirResource[]; complete: boolean }> {
  const resources: FhirResource[] = [];
  let path: string | undefined = first;
  for (let page = 0; path !== undefined && page < MAX_PAGES; page += 1) {
    if (budget.used >= budget.max) {
      return { resources, complete: false };
    }
    budget.used += 1;
    const read = readSearchset((await session.request(path)).body);
    resources.push(...read.resources);
    if (read.next !== undefined && !isOwnPageLink(session, read.next)) {
      return { resources, complete: false };
    }
    path = read.next;
  }
  return { resources, complete: path === undefined };
}

const PART_OF_TYPE: Readonly<Record<string, ReportGap['part']>> = {
  Observation: 'measures',
  Task: 'follow-ups',
};

/**
 * A refused score or task search (a scope IT did not grant, a parameter the statement did not warn
 * of) costs those figures, not the report; a refused encounter search is the report, so it throws.
 */
async function searchPart(
  session: FhirSession,
  path: string,
  budget: Budget,
): Promise<{ resources: FhirResource[]; complete: boolean; gap?: ReportGap }> {
  const type = path.split('?')[0] ?? '';
  const part = PART_OF_TYPE[type];
  try {
    return await searchAll(session, path, budget);
  } catch (error) {
    if (!part || !(error instanceof FhirHttpError) || error.status >= 500) {
      throw error;
    }
    const what = part === 'measures' ? 'scores (Observation)' : 'follow-up requests (Task)';
    return {
      resources: [],
      complete: true,
      gap: {
        part,
        message: `The EHR refused the search for ${what} with ${error.status}. Ask IT to grant user/${type}.rs.`,
      },
    };
  }
}

function peopleOf(resources: readonly FhirResource[]): string[] {
  return [
    ...new Set(
      resources
        .filter((r): r is CareTeam => r.resourceType === 'CareTeam')
        .flatMap((team) => {
          const subject = parseReference(team.subject?.reference);
          return subject?.resourceType === 'Patient' ? [subject.id] : [];
        }),
    ),
  ].sort();
}

function uniqueGaps(gaps: readonly ReportGap[]): ReportGap[] {
  const seen = new Set<string>();
  return gaps.filter((gap) => !seen.has(gap.part) && Boolean(seen.add(gap.part)));
}

export async function loadProgramReportInput(
  session: FhirSession,
  options: ReportLoadOptions,
): Promise<ReportLoad> {
  const plan: ReportSearchPlan = planReportSearches(
    options.capabilities,
    options.userRefs,
    session.context.grantedScope,
  );
  const blocking = plan.gaps.filter(isBlockingGap);
  if (plan.caseload === undefined || blocking.length > 0) {
    return { kind: 'blocked', gaps: blocking };
  }
  const budget: Budget = { used: 0, max: options.maxRequests ?? MAX_REPORT_REQUESTS };
  const caseload = await searchAll(session, plan.caseload, budget);
  const people = peopleOf(caseload.resources);
  const searches = chunks(people, PEOPLE_PER_SEARCH).flatMap((group) =>
    reportSearches(plan, group, options.range),
  );
  const results = await mapBounded(searches, PARALLEL_READS, (path) => searchPart(session, path, budget));
  // One resource can come back from two searches (an old peer contact, a task of two groups).
  const unique = new Map<string, FhirResource>();
  results
    .flatMap((r) => r.resources)
    .forEach((resource, index) => {
      unique.set(`${resource.resourceType}/${resource.id ?? `#${index}`}`, resource);
    });
  const all = [...unique.values()];
  const gaps = uniqueGaps([...plan.gaps, ...results.flatMap((r) => (r.gap ? [r.gap] : []))]);
  return {
    kind: 'loaded',
    input: {
      range: options.range,
      people,
      encounters: all.filter((r): r is Encounter => r.resourceType === 'Encounter'),
      observations: all.filter((r): r is Observation => r.resourceType === 'Observation'),
      tasks: all.filter((r): r is Task => r.resourceType === 'Task'),
      gaps,
    },
    complete: caseload.complete && results.every((r) => r.complete),
    requests: budget.used,
  };
}
