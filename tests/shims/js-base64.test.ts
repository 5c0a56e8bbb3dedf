import fc from 'fast-check';
import * as jsBase64 from 'js-base64';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

interface Base64Shim {
  fromUint8Array(bytes: Uint8Array, urlsafe?: boolean): string;
  encodeURL(text: string): string;
  decode(base64: string): string;
}

const shim = createRequire(import.meta.url)('../../src/shims/js-base64.cjs') as Base64Shim;

describe('the js-base64 shim fhirclient runs on', () => {
  it('encodes bytes exactly as js-base64 does, standard and URL-safe', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.boolean(), (bytes, urlsafe) => {
        expect(shim.fromUint8Array(bytes, urlsafe)).toBe(jsBase64.fromUint8Array(bytes, urlsafe));
      }),
    );
  });

  it('encodes text URL-safe exactly as js-base64 does, including non-ASCII', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 100 }), (text) => {
        expect(shim.encodeURL(text)).toBe(jsBase64.encodeURL(text));
      }),
    );
  });

  it('decodes URL-safe and padded input back to the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 100 }), (text) => {
        expect(shim.decode(jsBase64.encodeURL(text))).toBe(text);
        expect(shim.decode(jsBase64.encode(text))).toBe(text);
      }),
    );
  });
});
