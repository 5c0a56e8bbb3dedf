/**
 * Saves text as a file the way a static app can: a Blob behind an object URL, clicked through a
 * temporary `<a download>`. No server round trip, so the figures never leave the browser except into
 * the file the person asked for. The URL is revoked a while later, not at once: a browser may still
 * be reading the Blob when click() returns.
 */
const REVOKE_AFTER_MS = 60_000;

export function downloadText(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}
