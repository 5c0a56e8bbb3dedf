import { describe, expect, it } from 'vitest';
import { parseRuntimeConfig } from '../../src/domain/runtime-config';
import {
  CRISIS_PROTOCOL_MAX_LENGTH,
  crisisProtocolText,
  DEFAULT_CRISIS_PROTOCOL,
} from '../../src/domain/runtime-config-crisis-protocol';
import { RuntimeConfigError } from '../../src/domain/runtime-config-fields';
import { issuerOptions } from '../../src/domain/runtime-config-issuer';

const EPIC = { iss: 'https://fhir.example-epic.test/api/FHIR/R4', clientId: 'abc-123' };
const PROTOCOL =
  'Stay with the person and call the on-call clinician at 555-0100.\nTell your supervisor before the end of the day.';

describe('parseRuntimeConfig, the crisis protocol', () => {
  it('accepts a plain-text protocol with one step per line and gives it to the app page', () => {
    const [issuer] = parseRuntimeConfig({ issuers: [{ ...EPIC, crisisProtocol: PROTOCOL }] }).issuers;
    expect(issuer?.crisisProtocol).toBe(PROTOCOL);
    expect(issuerOptions(issuer).crisisProtocol).toBe(PROTOCOL);
  });

  it('trims the blank lines and spaces around the protocol', () => {
    const [issuer] = parseRuntimeConfig({
      issuers: [{ ...EPIC, crisisProtocol: `\n  ${PROTOCOL}  \n` }],
    }).issuers;
    expect(issuer?.crisisProtocol).toBe(PROTOCOL);
  });

  it('leaves the protocol out when the site has not set one', () => {
    const [issuer] = parseRuntimeConfig({ issuers: [EPIC] }).issuers;
    expect(issuer).not.toHaveProperty('crisisProtocol');
    expect(issuerOptions(issuer)).not.toHaveProperty('crisisProtocol');
  });

  it('accepts a protocol of exactly the length limit', () => {
    const text = 'a'.repeat(CRISIS_PROTOCOL_MAX_LENGTH);
    expect(
      parseRuntimeConfig({ issuers: [{ ...EPIC, crisisProtocol: text }] }).issuers[0]?.crisisProtocol,
    ).toBe(text);
  });

  it.each([
    [42, 'issuers[0].crisisProtocol must be non-empty plain text'],
    ['   ', 'issuers[0].crisisProtocol must be non-empty plain text'],
    ['a'.repeat(CRISIS_PROTOCOL_MAX_LENGTH + 1), `keep it to ${CRISIS_PROTOCOL_MAX_LENGTH}`],
    ['Call <b>the on-call clinician</b>', 'is shown as plain text, not HTML'],
    ['<script>alert(1)</script>', 'is shown as plain text, not HTML'],
    ['Call the clinician<!-- note -->', 'is shown as plain text, not HTML'],
    ['Call the clinician\u0007 now', 'has a control character'],
  ])('refuses %j, naming the setting', (crisisProtocol, message) => {
    const json = { issuers: [{ ...EPIC, crisisProtocol }] };
    expect(() => parseRuntimeConfig(json)).toThrow(RuntimeConfigError);
    expect(() => parseRuntimeConfig(json)).toThrow(message);
  });

  it('keeps comparison signs that are not markup, such as "< 1 hour"', () => {
    const text = 'Call the on-call clinician within < 1 hour; score > 0 means act today.';
    expect(
      parseRuntimeConfig({ issuers: [{ ...EPIC, crisisProtocol: text }] }).issuers[0]?.crisisProtocol,
    ).toBe(text);
  });
});

describe('crisisProtocolText', () => {
  it("gives the site's own protocol when there is one", () => {
    expect(crisisProtocolText(PROTOCOL)).toBe(PROTOCOL);
  });

  it('falls back to telling the peer to follow the protocol and tell their supervisor today', () => {
    expect(crisisProtocolText(undefined)).toBe(DEFAULT_CRISIS_PROTOCOL);
    expect(DEFAULT_CRISIS_PROTOCOL).toContain('tell your supervisor today');
  });
});
