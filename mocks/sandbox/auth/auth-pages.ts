import { escapeHtml } from '../http';
import { AUTH_PATHS } from './auth-paths';
import { describeScope } from './scope-policy';
import type { SandboxUser } from './types';

/**
 * The authorization server's own pages. Plain HTML forms that POST, no scripts, every value escaped;
 * the pending authorization travels in a hidden `transaction` field, not a cookie, because third-party
 * cookies are blocked when the app runs in the EHR's cross-site iframe.
 */

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} — Riverside Integrated Health</title>
<link rel="stylesheet" href="${AUTH_PATHS.stylesheet}">
</head>
<body>
<header class="bar">Riverside Integrated Health — Sandbox sign-in</header>
<main>
${body}
</main>
</body>
</html>
`;
}

function errorParagraph(error: string | undefined): string {
  return error === undefined ? '' : `<p class="error" role="alert">${escapeHtml(error)}</p>`;
}

function transactionField(transactionId: string): string {
  return `<input type="hidden" name="transaction" value="${escapeHtml(transactionId)}">`;
}

export function errorPage(message: string): string {
  return page(
    'Sign-in cannot continue',
    `<h1>This sign-in request cannot continue</h1>
<p class="error" role="alert">${escapeHtml(message)}</p>
<p>Close this page, go back to the app and start again.</p>`,
  );
}

export interface SignInPageInput {
  transactionId: string;
  appName: string;
  users: readonly SandboxUser[];
  username?: string;
  error?: string;
}

export function signInPage(input: SignInPageInput): string {
  const rows = input.users
    .map(
      (user) =>
        `<tr><td><code>${escapeHtml(user.username)}</code></td><td><code>${escapeHtml(user.password)}</code></td><td>${escapeHtml(user.displayName)}</td></tr>`,
    )
    .join('\n');
  return page(
    'Sign in',
    `<h1>Sign in to continue to ${escapeHtml(input.appName)}</h1>
${errorParagraph(input.error)}
<form method="post" action="${AUTH_PATHS.signIn}">
${transactionField(input.transactionId)}
<label for="username">Username</label>
<input type="text" id="username" name="username" autocomplete="username" required value="${escapeHtml(input.username ?? '')}">
<label for="password">Password</label>
<input type="password" id="password" name="password" autocomplete="current-password" required>
<button type="submit">Sign in</button>
</form>
<section class="hint" aria-labelledby="accounts-heading">
<h2 id="accounts-heading">Sandbox accounts</h2>
<p>This is a sandbox with synthetic people only. Sign in as any of these users:</p>
<table>
<thead><tr><th scope="col">Username</th><th scope="col">Password</th><th scope="col">Name</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</section>`,
  );
}

export interface PatientPickerInput {
  transactionId: string;
  appName: string;
  userName: string;
  patients: ReadonlyArray<{ id: string; name: string; birthDate?: string }>;
  error?: string;
}

export function patientPickerPage(input: PatientPickerInput): string {
  const choices = input.patients
    .map((patient, index) => {
      const id = `patient-${String(index)}`;
      const born = patient.birthDate === undefined ? '' : ` (born ${escapeHtml(patient.birthDate)})`;
      return `<label for="${id}"><input type="radio" id="${id}" name="patient" value="${escapeHtml(patient.id)}" required>${escapeHtml(patient.name)}${born}</label>`;
    })
    .join('\n');
  const list =
    input.patients.length === 0
      ? '<p>There are no patients in this sandbox. Load the seed data and retry.</p>'
      : '';
  return page(
    'Choose a patient',
    `<h1>Choose a patient for ${escapeHtml(input.appName)}</h1>
<p>Signed in as ${escapeHtml(input.userName)}.</p>
${errorParagraph(input.error)}
${list}
<form method="post" action="${AUTH_PATHS.patient}">
${transactionField(input.transactionId)}
<fieldset>
<legend>Patient</legend>
${choices}
</fieldset>
<button type="submit">Continue</button>
</form>`,
  );
}

export interface ConsentPageInput {
  transactionId: string;
  appName: string;
  userName: string;
  patientName?: string;
  scopes: readonly string[];
}

export function consentPage(input: ConsentPageInput): string {
  const items = input.scopes
    .map((scope) => `<li>${escapeHtml(describeScope(scope))} <code>${escapeHtml(scope)}</code></li>`)
    .join('\n');
  const patient =
    input.patientName === undefined
      ? ''
      : `<p>Patient: <strong>${escapeHtml(input.patientName)}</strong></p>`;
  return page(
    'Allow access',
    `<h1>Allow ${escapeHtml(input.appName)} to access the record?</h1>
<p>Signed in as ${escapeHtml(input.userName)}.</p>
${patient}
<h2>The app will be able to:</h2>
<ul>
${items}
</ul>
<form method="post" action="${AUTH_PATHS.consent}">
${transactionField(input.transactionId)}
<button type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="deny" class="secondary">Deny</button>
</form>`,
  );
}
