import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthContext } from './auth-context';
import { SIGN_IN_TTL_MS } from './auth-context';
import { consentPage, errorPage, patientPickerPage, signInPage } from './auth-pages';
import { issueAuthorizationCode } from './authorization-code';
import type { SignInTransaction } from './grant-state';
import { errorRedirectUrl } from './oauth-errors';
import { readUrlEncodedForm, seeOther, sendPage } from './responses';
import { grantScopes } from './scope-policy';

/**
 * The standalone launch pages after /auth/authorize: sign in, choose a patient (when the app asked for
 * launch/patient), then allow or deny. Each step checks the transaction is at that step, so a page cannot
 * be skipped or replayed.
 */

type Step = SignInTransaction['step'];

const EXPIRED = 'This sign-in page has expired or was already used. Go back to the app and launch it again.';

async function openTransaction(
  context: AuthContext,
  req: IncomingMessage,
  res: ServerResponse,
  step: Step,
): Promise<{ id: string; transaction: SignInTransaction; form: URLSearchParams } | undefined> {
  const form = await readUrlEncodedForm(req);
  const id = form?.get('transaction') ?? '';
  const transaction = id === '' ? undefined : context.transactions.get(id);
  if (!form || !transaction || transaction.step !== step) {
    sendPage(res, 400, errorPage(EXPIRED));
    return undefined;
  }
  return { id, transaction, form };
}

function appName(transaction: SignInTransaction): string {
  return transaction.pending.client.clientName ?? transaction.pending.client.clientId;
}

export async function handleSignIn(
  context: AuthContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const opened = await openTransaction(context, req, res, 'sign-in');
  if (!opened) {
    return;
  }
  const { id, transaction, form } = opened;
  const username = form.get('username') ?? '';
  const user = context.users.get(username);
  if (!user || user.password !== (form.get('password') ?? '')) {
    sendPage(
      res,
      401,
      signInPage({
        transactionId: id,
        appName: appName(transaction),
        users: [...context.users.values()],
        username,
        error: 'That username and password do not match. Check them against the sandbox accounts below.',
      }),
    );
    return;
  }
  if (transaction.pending.scopes.includes('launch/patient')) {
    context.transactions.set(id, { ...transaction, step: 'patient', user }, SIGN_IN_TTL_MS);
    sendPage(
      res,
      200,
      patientPickerPage({
        transactionId: id,
        appName: appName(transaction),
        userName: user.displayName,
        patients: await context.listPatients(),
      }),
    );
    return;
  }
  const next: SignInTransaction = { ...transaction, step: 'consent', user };
  context.transactions.set(id, next, SIGN_IN_TTL_MS);
  showConsent(context, res, id, next);
}

export async function handlePatientChoice(
  context: AuthContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const opened = await openTransaction(context, req, res, 'patient');
  if (!opened) {
    return;
  }
  const { id, transaction, form } = opened;
  const user = transaction.user;
  if (!user) {
    sendPage(res, 400, errorPage(EXPIRED));
    return;
  }
  const patients = await context.listPatients();
  const chosen = patients.find((patient) => patient.id === form.get('patient'));
  if (!chosen) {
    sendPage(
      res,
      400,
      patientPickerPage({
        transactionId: id,
        appName: appName(transaction),
        userName: user.displayName,
        patients,
        error: 'Choose one of the patients listed.',
      }),
    );
    return;
  }
  const next: SignInTransaction = {
    ...transaction,
    step: 'consent',
    patient: chosen.id,
    patientName: chosen.name,
  };
  context.transactions.set(id, next, SIGN_IN_TTL_MS);
  showConsent(context, res, id, next);
}

function showConsent(
  context: AuthContext,
  res: ServerResponse,
  id: string,
  transaction: SignInTransaction,
): void {
  const { pending, user, patient, patientName } = transaction;
  sendPage(
    res,
    200,
    consentPage({
      transactionId: id,
      appName: appName(transaction),
      userName: user?.displayName ?? '',
      patientName,
      scopes: grantScopes(pending.scopes, {
        ehrLaunch: false,
        patient,
        clientMayRefresh: pending.client.grantTypes.includes('refresh_token'),
      }),
    }),
  );
}

export async function handleConsent(
  context: AuthContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const opened = await openTransaction(context, req, res, 'consent');
  if (!opened) {
    return;
  }
  const { id, transaction, form } = opened;
  const { pending, user, patient } = transaction;
  const decision = form.get('decision');
  if (!user || (decision !== 'allow' && decision !== 'deny')) {
    sendPage(res, 400, errorPage('Choose Allow or Deny.'));
    return;
  }
  // One decision per transaction: the back button cannot mint a second code.
  context.transactions.delete(id);
  if (decision === 'deny') {
    seeOther(
      res,
      errorRedirectUrl(pending.redirectUri, 'access_denied', 'The user denied access.', pending.state),
    );
    return;
  }
  seeOther(res, issueAuthorizationCode(context, pending, { user, patient, ehrLaunch: false }));
}
