/**
 * Stands in for fhirclient's optional polyfills (cross-fetch, abortcontroller-polyfill,
 * isomorphic-webcrypto): every browser PeerBridge supports has fetch, AbortController and
 * WebCrypto, so they are dead weight in the bundle.
 */
export default undefined;
