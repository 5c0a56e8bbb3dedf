/**
 * Browsers that block storage for embedded (third-party) frames make the SMART flow impossible there:
 * the PKCE verifier and state must survive the redirect. Detect it before leaving the page.
 */
export function isSessionStorageUsable(): boolean {
  try {
    const probe = '__peerbridge_probe__';
    window.sessionStorage.setItem(probe, '1');
    window.sessionStorage.removeItem(probe);
    return true;
  } catch {
    return false;
  }
}

export function isEmbedded(): boolean {
  try {
    return window.self !== window.top;
  } catch {
    // A cross-origin parent throws on access: that is an embedded frame too.
    return true;
  }
}
