/**
 * The OAuth2 `state`: 256 bits from the platform's CSPRNG. fhirclient's own default uses Math.random
 * and 16 characters (about 95 bits), below SMART's 122-bit recommendation.
 */
export function randomState(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  let binary = '';
  for (const byte of bytes) {
    binary += String.fromCharCode(byte);
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
