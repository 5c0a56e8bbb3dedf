import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthContext } from './auth-context';
import { SIGN_IN_TTL_MS } from './auth-context';
import { errorPage, signInPage } from './auth-pages';
import { issueAuthorizationCode } from './authorization-code';
import { checkAuthorizationRequest } from './authorization-request';
import { errorRedirectUrl } from './oauth-errors';
import { randomToken } from './random-token';
import { methodNotAllowed, readUrlEncodedForm, seeOther, sendPage } from './responses';

/**
 * GET or POST /auth/authorize. An EHR launch is answered at once with a code (the launch already says who
 * the user is and which chart is open); a standalone launch starts the sign-in pages.
 */
export async function handleAuthorize(
  context: AuthContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  let params: URLSearchParams;
  if (req.method === 'GET') {
    params = url.searchParams;
  } else if (req.method === 'POST') {
    const form = await readUrlEncodedForm(req);
    if (!form) {
      sendPage(
        res,
        400,
        errorPage('A POSTed authorization request must be application/x-www-form-urlencoded.'),
      );
      return;
    }
    params = form;
  } else {
    methodNotAllowed(res, ['GET', 'POST']);
    return;
  }

  const check = checkAuthorizationRequest(params, {
    clients: context.clients,
    fhirBaseUrl: context.fhirBaseUrl,
    scopeRules: context.scopeRules,
    takeLaunch: (id) => {
      const launch = context.launches.get(id);
      context.launches.delete(id);
      return launch;
    },
  });
  switch (check.kind) {
    case 'error-page':
      sendPage(res, 400, errorPage(check.message));
      return;
    case 'error-redirect':
      seeOther(res, errorRedirectUrl(check.redirectUri, check.error, check.description, check.state));
      return;
    case 'ok':
      break;
  }

  const { pending } = check;
  if (pending.launch) {
    const { user, patient, encounter, tokenTtlSeconds } = pending.launch;
    seeOther(
      res,
      issueAuthorizationCode(context, pending, {
        user,
        patient,
        encounter,
        ehrLaunch: true,
        accessTokenTtlSeconds: tokenTtlSeconds,
      }),
    );
    return;
  }

  const transactionId = randomToken();
  context.transactions.set(transactionId, { pending, step: 'sign-in' }, SIGN_IN_TTL_MS);
  sendPage(
    res,
    200,
    signInPage({
      transactionId,
      appName: pending.client.clientName ?? pending.client.clientId,
      users: [...context.users.values()],
    }),
  );
}
