import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Condition, Patient, Resource } from 'fhir/r4';
import type { AuthServer, SandboxUser } from '../auth';
import { redirect, readForm, sendHtml } from '../http';
import type { RouteHandler } from '../http';
import { EhrSessions } from './ehr-session';
import { EHR_STYLESHEET } from './ehr-stylesheet';
import {
  homeAppPage,
  messagePage,
  patientListPage,
  peerSupportPage,
  sideBySidePage,
  signInPage,
  summaryPage,
} from './ehr-pages';
import { isActiveCondition } from './patient-format';

export interface EhrOptions {
  auth: AuthServer;
  users: SandboxUser[];
  /** The FHIR store read directly, as an EHR reads its own database (no SMART token involved). */
  fhir: {
    search(resourceType: string, query: Record<string, string>): Promise<Resource[]>;
    read<T extends Resource>(type: T['resourceType'], id: string): Promise<T | undefined>;
  };
  /** E.g. `http://127.0.0.1:5173/launch/`. */
  appLaunchUrl: string;
  fhirBaseUrl: string;
  /** The client id the app at appLaunchUrl authorizes with: launches are bound to it. */
  appClientId(): string;
}

/** A FHIR id (R4 `id` datatype); anything else in a chart URL is a 404, not a lookup. */
const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;
const CHART_PATH = /^\/ehr\/patients\/([^/]+)(\/peer-support)?$/;
const MAX_TOKEN_TTL_SECONDS = 86400;
const PATIENT_LIST_LIMIT = '500';

/**
 * The simulated EHR web page at `/` and `/ehr/*`: sign in, patient list, chart with the EHR's own patient
 * banner, and a "Peer support" tab that embeds PeerBridge in an iframe with a SMART EHR launch.
 */
export function createEhr(options: EhrOptions): RouteHandler {
  const sessions = new EhrSessions();
  const users = new Map(options.users.map((user) => [user.username, user]));
  const appOrigin = new URL(options.appLaunchUrl).origin;
  // The frame holds the app's origin and, during the SMART launch, this EHR's own authorize endpoint.
  const csp = `default-src 'self'; frame-src 'self' ${appOrigin}; base-uri 'none'; frame-ancestors 'none'`;

  const send = (res: ServerResponse, status: number, html: string): void => {
    res.setHeader('Content-Security-Policy', csp);
    sendHtml(res, status, html);
  };

  const signedInUser = (req: IncomingMessage): SandboxUser | undefined => {
    const username = sessions.userOf(req);
    return username === undefined ? undefined : users.get(username);
  };

  const requireUser = (req: IncomingMessage, res: ServerResponse, url: URL): SandboxUser | undefined => {
    const user = signedInUser(req);
    if (!user) {
      redirect(res, `/ehr/?next=${encodeURIComponent(url.pathname + url.search)}`);
    }
    return user;
  };

  return async (req, res, url) => {
    const path = url.pathname;
    if (path === '/') {
      redirect(res, '/ehr/');
      return true;
    }
    if (path !== '/ehr' && !path.startsWith('/ehr/')) {
      return false;
    }

    if (path === '/ehr/ehr.css') {
      res.writeHead(200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'max-age=300' });
      res.end(EHR_STYLESHEET);
      return true;
    }

    if (path === '/ehr' || path === '/ehr/') {
      if (signedInUser(req)) {
        redirect(res, safeNext(url.searchParams.get('next')));
      } else {
        send(res, 200, signInPage(options.users, safeNext(url.searchParams.get('next'))));
      }
      return true;
    }

    if (path === '/ehr/sign-in' && req.method === 'POST') {
      const form = await readForm(req);
      const user = users.get(form.get('username') ?? '');
      const next = safeNext(form.get('next'));
      if (!user || user.password !== (form.get('password') ?? '')) {
        send(res, 401, signInPage(options.users, next, 'That username and password do not match.'));
        return true;
      }
      sessions.start(res, user.username);
      seeOther(res, next);
      return true;
    }

    if (path === '/ehr/sign-out' && req.method === 'POST') {
      sessions.end(req, res);
      seeOther(res, '/ehr/');
      return true;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET' });
      res.end();
      return true;
    }

    if (path === '/ehr/patients') {
      const user = requireUser(req, res, url);
      if (user) {
        const patients = await options.fhir.search('Patient', { _count: PATIENT_LIST_LIMIT });
        send(res, 200, patientListPage(user, patients.filter(isPatient)));
      }
      return true;
    }

    if (path === '/ehr/peerbridge') {
      const user = requireUser(req, res, url);
      if (user) {
        send(res, 200, homeAppPage(user, embeddedLaunchUrl(user, undefined, undefined)));
      }
      return true;
    }

    if (path === '/ehr/side-by-side') {
      const user = requireUser(req, res, url);
      if (user) {
        await showSideBySide(user, url, res);
      }
      return true;
    }

    const chart = CHART_PATH.exec(path);
    if (chart) {
      const user = requireUser(req, res, url);
      if (user) {
        await showChart(user, decodePathSegment(chart[1] ?? ''), chart[2] !== undefined, url, res);
      }
      return true;
    }

    send(res, 404, messagePage('Page not found', `There is no page at ${path}.`, signedInUser(req)));
    return true;
  };

  async function showChart(
    user: SandboxUser,
    patientId: string,
    peerSupport: boolean,
    url: URL,
    res: ServerResponse,
  ): Promise<void> {
    const patient = FHIR_ID.test(patientId)
      ? await options.fhir.read<Patient>('Patient', patientId)
      : undefined;
    if (!patient) {
      send(res, 404, messagePage('Patient not found', `No patient has the id ${patientId}.`, user));
      return;
    }
    if (!peerSupport) {
      const conditions = await options.fhir.search('Condition', { patient: `Patient/${patientId}` });
      send(res, 200, summaryPage(user, patient, conditions.filter(isCondition).filter(isActiveCondition)));
      return;
    }
    const ttl = parseTokenTtl(url.searchParams.get('tokenTtl'));
    if (ttl === 'invalid') {
      send(
        res,
        400,
        messagePage(
          'Bad tokenTtl',
          `tokenTtl must be a whole number of seconds from 1 to ${String(MAX_TOKEN_TTL_SECONDS)}.`,
          user,
        ),
      );
      return;
    }
    send(
      res,
      200,
      peerSupportPage(user, patient, {
        embeddedUrl: embeddedLaunchUrl(user, patientId, ttl),
        standaloneUrl: `${options.appLaunchUrl}?iss=${encodeURIComponent(options.fhirBaseUrl)}`,
      }),
    );
  }

  /**
   * The app's launch URL for a fresh EHR launch of this user in this patient's chart, or at user
   * level (no patient) from the EHR's home.
   */
  function embeddedLaunchUrl(
    user: SandboxUser,
    patientId: string | undefined,
    ttl: number | undefined,
  ): string {
    const launch = options.auth.createLaunch({
      userName: user.username,
      clientId: options.appClientId(),
      ...(patientId === undefined ? {} : { patient: patientId }),
      tokenTtlSeconds: ttl,
    });
    const iss = encodeURIComponent(options.fhirBaseUrl);
    return `${options.appLaunchUrl}?iss=${iss}&launch=${encodeURIComponent(launch)}`;
  }

  /**
   * `/ehr/side-by-side?patients=a,b`: two charts open in one EHR page, each with its own PeerBridge
   * frame and launch, as EHRs that show charts in panes do. Both frames share the tab's storage.
   */
  async function showSideBySide(user: SandboxUser, url: URL, res: ServerResponse): Promise<void> {
    const ids = (url.searchParams.get('patients') ?? '').split(',');
    const patients = await Promise.all(
      ids.map((id) =>
        FHIR_ID.test(id) ? options.fhir.read<Patient>('Patient', id) : Promise.resolve(undefined),
      ),
    );
    const found = patients.filter((patient): patient is Patient => patient !== undefined);
    if (ids.length < 2 || found.length !== ids.length) {
      send(
        res,
        404,
        messagePage('Patients not found', 'Name two or more patient ids in ?patients=a,b.', user),
      );
      return;
    }
    send(
      res,
      200,
      sideBySidePage(
        user,
        found.map((patient) => ({
          patient,
          embeddedUrl: embeddedLaunchUrl(user, patient.id ?? '', undefined),
        })),
      ),
    );
  }
}

/** `?tokenTtl=N` lets a browser test ask for short-lived tokens and watch the app refresh them. */
function parseTokenTtl(value: string | null): number | undefined | 'invalid' {
  if (value === null || value === '') {
    return undefined;
  }
  if (!/^\d+$/.test(value)) {
    return 'invalid';
  }
  const seconds = Number(value);
  return seconds >= 1 && seconds <= MAX_TOKEN_TTL_SECONDS ? seconds : 'invalid';
}

/** Only EHR patient pages, so the sign-in form can be neither an open redirect nor a redirect loop. */
function safeNext(next: string | null): string {
  if (next === '/ehr/peerbridge') {
    return next;
  }
  if (next !== null && /^\/ehr\/patients(?:[/?][^\\]*)?$/.test(next)) {
    return next;
  }
  return '/ehr/patients';
}

function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    // A malformed escape cannot be a FHIR id; the chart lookup then answers 404.
    return '';
  }
}

function seeOther(res: ServerResponse, location: string): void {
  res.writeHead(303, { Location: location, 'Cache-Control': 'no-store' });
  res.end();
}

function isPatient(resource: Resource): resource is Patient {
  return resource.resourceType === 'Patient';
}

function isCondition(resource: Resource): resource is Condition {
  return resource.resourceType === 'Condition';
}
