/**
 * Reads "My people" a page at a time: one CareTeam search (patients included), then, in parallel, the
 * peer Encounters of that page's people (follow-up Tasks revincluded where the server lists it, else
 * one Task search) and, only where the server ignored `_include`, one Patient search for the names.
 * So the first page paints after 2 requests on an open server and at most 3 on one that lists no
 * `_revinclude` (4 only where it also ignores `_include`), whatever the caseload's size. Contact
 * pages beyond the first are read after the paint (`loadMoreContacts`). See docs/decisions/0024.
 */
import type { Encounter, FhirResource, Patient, Task } from 'fhir/r4';
import { caseloadQuery } from '../domain/caseload';
import {
  CASELOAD_PAGE_SIZE,
  readCaseloadPage,
  withPatients,
  type CaseloadPage,
} from '../domain/caseload-page';
import { caseloadContactsQuery, caseloadPatientsQuery } from '../domain/caseload-queries';
import { isBundle } from '../domain/guards';
import type { ServerCapabilities } from '../domain/server-capabilities';
import { UnreadableResponseError } from './fhir-errors';
import { ForeignPageLinkError, isOwnPageLink, readSearchset } from './note-parts-query';
import type { FhirSession } from './smart-session';

/** Later contact pages read per "more contacts" round: beyond that the rows say "not loaded". */
export const MAX_CONTACT_PAGES = 10;

/** Where the contacts of the pages read so far continue. */
export interface ContactsNext {
  readonly encounters?: string;
  readonly tasks?: string;
}

export interface CaseloadContactsRead {
  readonly encounters: readonly Encounter[];
  readonly tasks: readonly Task[];
  /** Absent when every page of the contacts searches was read. */
  readonly next?: ContactsNext;
}

export interface CaseloadPageRead extends CaseloadContactsRead {
  readonly page: CaseloadPage;
}

/** Where a page comes from: the user's first page, or a `next` link the previous page gave. */
export type CaseloadPageSource = { readonly user: string } | { readonly nextUrl: string };

function checkedLink(session: FhirSession, url: string): string {
  if (!isOwnPageLink(session, url)) {
    throw new ForeignPageLinkError(url);
  }
  return url;
}

async function search(
  session: FhirSession,
  path: string,
): Promise<{ resources: FhirResource[]; next?: string }> {
  const response = await session.request(path);
  if (!isBundle(response.body)) {
    throw new UnreadableResponseError(response.status, 'not a searchset Bundle');
  }
  return readSearchset(response.body);
}

function split(resources: readonly FhirResource[]): { encounters: Encounter[]; tasks: Task[] } {
  return {
    encounters: resources.filter((r): r is Encounter => r.resourceType === 'Encounter'),
    tasks: resources.filter((r): r is Task => r.resourceType === 'Task'),
  };
}

function ownNext(session: FhirSession, next: string | undefined): string | undefined {
  return next === undefined ? undefined : checkedLink(session, next);
}

function contactsNext(encounters: string | undefined, tasks: string | undefined): ContactsNext | undefined {
  if (encounters === undefined && tasks === undefined) {
    return undefined;
  }
  return { ...(encounters ? { encounters } : {}), ...(tasks ? { tasks } : {}) };
}

/** One page of the caseload with the contacts of its people. */
export async function loadCaseloadPage(
  session: FhirSession,
  capabilities: () => Promise<ServerCapabilities>,
  source: CaseloadPageSource,
): Promise<CaseloadPageRead> {
  const path =
    'user' in source ? caseloadQuery(source.user, CASELOAD_PAGE_SIZE) : checkedLink(session, source.nextUrl);
  // The statement has been loading since the launch; the contacts search needs it, the first does not.
  const [teams, known] = await Promise.all([session.request(path), capabilities()]);
  if (!isBundle(teams.body)) {
    throw new UnreadableResponseError(teams.status, 'not a searchset Bundle');
  }
  const read = readCaseloadPage(teams.body);
  if (read.nextUrl !== undefined) {
    checkedLink(session, read.nextUrl);
  }
  const ids = read.people.map((person) => person.id);
  if (ids.length === 0) {
    return { page: read, encounters: [], tasks: [] };
  }
  const plan = caseloadContactsQuery(ids, known);
  const [encounterPage, taskPage, patients] = await Promise.all([
    search(session, plan.encounters),
    plan.tasks === undefined ? undefined : search(session, plan.tasks),
    read.unnamed.length === 0 ? undefined : search(session, caseloadPatientsQuery(read.unnamed)),
  ]);
  const found = split([...encounterPage.resources, ...(taskPage?.resources ?? [])]);
  const named = patients
    ? withPatients(
        read,
        patients.resources.filter((r): r is Patient => r.resourceType === 'Patient'),
      )
    : read;
  const next = contactsNext(ownNext(session, encounterPage.next), ownNext(session, taskPage?.next));
  return { page: named, ...found, ...(next ? { next } : {}) };
}

/** Follows the contacts searches' `next` links, up to MAX_CONTACT_PAGES pages each. */
export async function loadMoreContacts(
  session: FhirSession,
  from: ContactsNext,
): Promise<CaseloadContactsRead> {
  const follow = async (first: string | undefined): Promise<{ resources: FhirResource[]; next?: string }> => {
    const resources: FhirResource[] = [];
    let url = first;
    for (let page = 0; url !== undefined && page < MAX_CONTACT_PAGES; page += 1) {
      const read = await search(session, checkedLink(session, url));
      resources.push(...read.resources);
      url = read.next;
    }
    return url === undefined ? { resources } : { resources, next: url };
  };
  const [encounters, tasks] = await Promise.all([follow(from.encounters), follow(from.tasks)]);
  const next = contactsNext(encounters.next, tasks.next);
  return { ...split([...encounters.resources, ...tasks.resources]), ...(next ? { next } : {}) };
}
