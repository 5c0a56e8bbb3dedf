/**
 * The site's own crisis protocol (runtime config `crisisProtocol`, per issuer): the words the peer
 * note form shows beside the 988 Lifeline when a PHQ-9 item 9 answer is a safety event. Plain text,
 * shown as text (never as HTML), one paragraph per line.
 */
import { RuntimeConfigError } from './runtime-config-fields';

/** Long enough for a protocol's few steps and phone numbers, short enough to be read at once. */
export const CRISIS_PROTOCOL_MAX_LENGTH = 1_000;

/** What the form says when a site has not written its own protocol. */
export const DEFAULT_CRISIS_PROTOCOL =
  'Follow your program’s crisis protocol and tell your supervisor today.';

// Markup would be shown as its characters, not as formatting: say so to IT rather than let it through.
const MARKUP = /<\s*[a-zA-Z!/]/;
// Control characters other than tab and line breaks do not print.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** The `crisisProtocol` setting of an issuer, checked; undefined when absent. */
export function crisisProtocolSetting(entry: Record<string, unknown>, path: string): string | undefined {
  const value = entry.crisisProtocol;
  const key = `${path}.crisisProtocol`;
  if (value === undefined) {
    return undefined;
  }
  if (typeof value !== 'string' || value.trim() === '') {
    throw new RuntimeConfigError(`${key} must be non-empty plain text when present.`);
  }
  if (value.length > CRISIS_PROTOCOL_MAX_LENGTH) {
    throw new RuntimeConfigError(
      `${key} is ${value.length} characters; keep it to ${CRISIS_PROTOCOL_MAX_LENGTH} so a peer can read it at once.`,
    );
  }
  if (MARKUP.test(value)) {
    throw new RuntimeConfigError(
      `${key} is shown as plain text, not HTML: remove the markup (write one step per line instead).`,
    );
  }
  if (CONTROL.test(value)) {
    throw new RuntimeConfigError(`${key} has a control character that does not print; remove it.`);
  }
  return value.trim();
}

/** The protocol text the form shows: the site's own, or the default. */
export function crisisProtocolText(configured: string | undefined): string {
  return configured ?? DEFAULT_CRISIS_PROTOCOL;
}
