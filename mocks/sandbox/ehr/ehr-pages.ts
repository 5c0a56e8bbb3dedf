import type { Condition, Patient } from 'fhir/r4';
import { escapeHtml } from '../http';
import type { SandboxUser } from '../auth';
import {
  formatCodeableConcept,
  formatConditionOnset,
  formatGender,
  formatHumanName,
  formatSortableName,
  getMrn,
} from './patient-format';

/** The simulated EHR's pages: plain forms and links, no scripts, every value escaped. */

const EHR_NAME = 'Riverside Integrated Health — Sandbox EHR';

function page(title: string, user: SandboxUser | undefined, body: string): string {
  const account =
    user === undefined
      ? ''
      : `<div class="account"><span>Signed in as ${escapeHtml(user.displayName)}</span>
<form method="post" action="/ehr/sign-out"><button type="submit">Sign out</button></form></div>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} — ${escapeHtml(EHR_NAME)}</title>
<link rel="stylesheet" href="/ehr/ehr.css">
</head>
<body>
<header class="topbar">
<a class="brand" href="/ehr/patients">${escapeHtml(EHR_NAME)}</a>
${account}
</header>
<main>
${body}
</main>
</body>
</html>
`;
}

export function messagePage(title: string, message: string, user?: SandboxUser): string {
  return page(
    title,
    user,
    `<div class="card narrow"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>
<p><a href="/ehr/patients">Back to the patient list</a></p></div>`,
  );
}

export function signInPage(users: readonly SandboxUser[], next: string, error?: string): string {
  const passwords = new Set(users.map((user) => user.password));
  const shared = passwords.size === 1 ? [...passwords][0] : undefined;
  const rows = users
    .map((user) => {
      const password = shared === undefined ? `<td><code>${escapeHtml(user.password)}</code></td>` : '';
      return `<tr><td><code>${escapeHtml(user.username)}</code></td><td>${escapeHtml(user.displayName)}</td>${password}</tr>`;
    })
    .join('\n');
  const sharedNote =
    shared === undefined ? '' : `<p>Every account uses the password <code>${escapeHtml(shared)}</code>.</p>`;
  const passwordHeader = shared === undefined ? '<th scope="col">Password</th>' : '';
  const errorText = error === undefined ? '' : `<p class="error" role="alert">${escapeHtml(error)}</p>`;
  return page(
    'Sign in',
    undefined,
    `<div class="card narrow">
<h1>Sign in</h1>
${errorText}
<form method="post" action="/ehr/sign-in">
<input type="hidden" name="next" value="${escapeHtml(next)}">
<label for="username">Username</label>
<input type="text" id="username" name="username" autocomplete="username" required>
<label for="password">Password</label>
<input type="password" id="password" name="password" autocomplete="current-password" required>
<button type="submit" class="primary">Sign in</button>
</form>
<h2>Sandbox accounts</h2>
<p>This sandbox holds synthetic people only.</p>
${sharedNote}
<table>
<thead><tr><th scope="col">Username</th><th scope="col">Name</th>${passwordHeader}</tr></thead>
<tbody>
${rows}
</tbody>
</table>
</div>`,
  );
}

export function patientListPage(user: SandboxUser, patients: readonly Patient[]): string {
  const rows = [...patients]
    .sort((a, b) => formatSortableName(a.name).localeCompare(formatSortableName(b.name)))
    .map((patient) => {
      const id = patient.id ?? '';
      const name = formatSortableName(patient.name) || id;
      return `<tr><td><a href="/ehr/patients/${encodeURIComponent(id)}">${escapeHtml(name)}</a></td>
<td>${escapeHtml(patient.birthDate ?? '')}</td><td>${escapeHtml(formatGender(patient.gender))}</td>
<td>${escapeHtml(getMrn(patient))}</td></tr>`;
    })
    .join('\n');
  const table =
    patients.length === 0
      ? '<p>No patients are loaded. Reset the sandbox to load the seed data.</p>'
      : `<table>
<thead><tr><th scope="col">Name</th><th scope="col">Birth date</th><th scope="col">Gender</th><th scope="col">MRN</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
  const apps = `<nav aria-label="Apps"><p class="app-links"><a href="/ehr/peerbridge">PeerBridge: my people (no chart open)</a></p></nav>`;
  return page('Patients', user, `${apps}\n<div class="card"><h1>Patients</h1>\n${table}\n</div>`);
}

export type ChartTab = 'summary' | 'peer-support';

function patientBanner(patient: Patient): string {
  const mrn = getMrn(patient);
  const mrnItem = mrn === '' ? '' : `<div><dt>MRN</dt><dd>${escapeHtml(mrn)}</dd></div>`;
  return `<section class="banner" aria-label="Patient">
<p class="patient-name">${escapeHtml(formatHumanName(patient.name) || (patient.id ?? ''))}</p>
<dl>
<div><dt>DOB</dt><dd>${escapeHtml(patient.birthDate ?? '')}</dd></div>
<div><dt>Gender</dt><dd>${escapeHtml(formatGender(patient.gender))}</dd></div>
${mrnItem}
</dl>
</section>`;
}

function chartTabs(patientId: string, current: ChartTab): string {
  const base = `/ehr/patients/${encodeURIComponent(patientId)}`;
  const tab = (id: ChartTab, href: string, label: string): string =>
    `<li><a href="${href}"${id === current ? ' aria-current="page"' : ''}>${label}</a></li>`;
  return `<nav aria-label="Chart sections"><ul class="tabs">
${tab('summary', base, 'Summary')}
${tab('peer-support', `${base}/peer-support`, 'Peer support')}
</ul></nav>`;
}

function chartPage(user: SandboxUser, patient: Patient, tab: ChartTab, body: string): string {
  const title = `${formatHumanName(patient.name) || 'Patient'} — ${tab === 'summary' ? 'Summary' : 'Peer support'}`;
  return page(title, user, `${patientBanner(patient)}\n${chartTabs(patient.id ?? '', tab)}\n${body}`);
}

export function summaryPage(
  user: SandboxUser,
  patient: Patient,
  activeProblems: readonly Condition[],
): string {
  const rows = activeProblems
    .map(
      (condition) =>
        `<tr><td>${escapeHtml(formatCodeableConcept(condition.code))}</td><td>${escapeHtml(formatConditionOnset(condition))}</td></tr>`,
    )
    .join('\n');
  const problems =
    activeProblems.length === 0
      ? '<p>No active problems recorded.</p>'
      : `<table>
<thead><tr><th scope="col">Problem</th><th scope="col">Onset</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
  return chartPage(
    user,
    patient,
    'summary',
    `<section class="card"><h1>Active problems</h1>\n${problems}\n</section>`,
  );
}

export interface PeerSupportPageInput {
  /** The app's launch URL with iss and launch: shown in the iframe. */
  embeddedUrl: string;
  /** The app's launch URL with iss only: a standalone launch in a new window. */
  standaloneUrl: string;
}

export function peerSupportPage(user: SandboxUser, patient: Patient, input: PeerSupportPageInput): string {
  return chartPage(
    user,
    patient,
    'peer-support',
    `<h1 class="visually-hidden">Peer support</h1>
<p class="app-links"><a href="${escapeHtml(input.standaloneUrl)}" target="_blank" rel="noopener">Open PeerBridge standalone (new window)</a></p>
<iframe class="app-frame" title="PeerBridge" src="${escapeHtml(input.embeddedUrl)}"></iframe>`,
  );
}

/**
 * PeerBridge launched from the EHR's home, with no chart open: an EHR launch at user level (the
 * launch names the user and no patient), as EHRs offer apps in their toolbar or activity list.
 */
export function homeAppPage(user: SandboxUser, embeddedUrl: string): string {
  return page(
    'PeerBridge',
    user,
    `<h1 class="visually-hidden">PeerBridge</h1>
<p class="app-links"><a href="/ehr/patients">Back to the patient list</a></p>
<iframe class="app-frame" title="PeerBridge" src="${escapeHtml(embeddedUrl)}"></iframe>`,
  );
}

export interface SideBySideChart {
  patient: Patient;
  /** The app's launch URL with iss and this chart's own launch. */
  embeddedUrl: string;
}

/** Charts in panes on one page: each pane its banner and its own PeerBridge frame. */
export function sideBySidePage(user: SandboxUser, charts: readonly SideBySideChart[]): string {
  const panes = charts
    .map(({ patient, embeddedUrl }) => {
      const name = formatHumanName(patient.name) || (patient.id ?? '');
      return `<section class="pane" aria-label="Chart of ${escapeHtml(name)}">
${patientBanner(patient)}
<iframe class="app-frame" title="PeerBridge for ${escapeHtml(name)}" src="${escapeHtml(embeddedUrl)}"></iframe>
</section>`;
    })
    .join('\n');
  return page('Charts side by side', user, `<h1 class="visually-hidden">Charts side by side</h1>\n${panes}`);
}
