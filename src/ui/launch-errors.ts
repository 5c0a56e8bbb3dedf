import type { AuthorizationError } from '../fhir/smart-launch';

export interface ErrorCopy {
  readonly title: string;
  readonly message: string;
}

/** Plain words for the RFC 6749 authorization errors an EHR can send back. */
export function describeAuthorizationError(error: AuthorizationError): ErrorCopy {
  switch (error.error) {
    case 'access_denied':
      return {
        title: 'Access was not granted',
        message:
          'PeerBridge was not given access to this patient’s record, so it cannot open. If that was a mistake, open PeerBridge again and allow access.',
      };
    case 'invalid_scope':
      return {
        title: 'The EHR refused PeerBridge’s permissions',
        message:
          'The EHR does not allow the permissions PeerBridge asks for. Your IT team needs to update PeerBridge’s registration.',
      };
    case 'unauthorized_client':
    case 'invalid_client':
      return {
        title: 'PeerBridge is not registered with this EHR',
        message:
          'The EHR does not recognise PeerBridge’s client id. Your IT team needs to check PeerBridge’s registration.',
      };
    case 'temporarily_unavailable':
    case 'server_error':
      return {
        title: 'Your EHR could not sign you in',
        message: 'The EHR’s sign-in service had a problem. Wait a moment and open PeerBridge again.',
      };
    default:
      return {
        title: 'Your EHR could not sign you in',
        message:
          'The EHR stopped the sign-in. Open PeerBridge again; if it keeps happening, tell your IT team.',
      };
  }
}
