/**
 * The three js-base64 functions fhirclient uses (PKCE challenge, JWT decoding), on the browser's
 * own btoa/atob and TextEncoder: the same results as js-base64, without its ~2 kB.
 * CommonJS, because fhirclient calls `require("js-base64")`.
 */
function bytesToBase64(bytes) {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 1) {
    binary += String.fromCharCode(bytes[i]);
  }
  return btoa(binary);
}

function toUrlSafe(base64) {
  return base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromUint8Array(bytes, urlsafe) {
  const base64 = bytesToBase64(bytes);
  return urlsafe ? toUrlSafe(base64) : base64;
}

function encodeURL(text) {
  return toUrlSafe(bytesToBase64(new TextEncoder().encode(text)));
}

function decode(base64) {
  const standard = base64
    .replace(/[^A-Za-z0-9+/_-]/g, '')
    .replace(/-/g, '+')
    .replace(/_/g, '/');
  const padded = standard + '='.repeat((4 - (standard.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) {
    bytes[i] = binary.charCodeAt(i);
  }
  return new TextDecoder().decode(bytes);
}

module.exports = { fromUint8Array, encodeURL, decode };
