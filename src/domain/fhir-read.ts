/**
 * Total readers for elements of server resources. They take `unknown` because a real server's data
 * may miss required elements or hold the wrong shapes; each returns undefined or [] instead of throwing.
 */
import type { Coding, Reference } from 'fhir/r4';
import { isRecord, textOf } from './guards';

export function codingsOf(concept: unknown): Coding[] {
  if (!isRecord(concept) || !Array.isArray(concept.coding)) {
    return [];
  }
  return (concept.coding as unknown[]).filter((c): c is Coding => isRecord(c));
}

/** The first coding of `concept` in `system`. */
export function codingIn(concept: unknown, system: string): Coding | undefined {
  return codingsOf(concept).find((c) => c.system === system);
}

/** Text, else the first display, else the first code: what a person would read. */
export function conceptText(concept: unknown): string {
  if (!isRecord(concept)) {
    return '';
  }
  const text = textOf(concept.text);
  if (text) {
    return text;
  }
  const codings = codingsOf(concept);
  const withDisplay = codings.find((c) => textOf(c.display));
  return textOf(withDisplay?.display) ?? textOf(codings[0]?.code) ?? '';
}

export function referenceString(reference: unknown): string | undefined {
  return isRecord(reference) ? textOf(reference.reference) : undefined;
}

export function referenceOf(reference: unknown): Reference | undefined {
  if (!isRecord(reference)) {
    return undefined;
  }
  const ref = textOf(reference.reference);
  const display = textOf(reference.display);
  if (!ref && !display) {
    return undefined;
  }
  return { ...(ref ? { reference: ref } : {}), ...(display ? { display } : {}) };
}

/** The first note's text (Annotation[]). */
export function noteText(notes: unknown): string | undefined {
  if (!Array.isArray(notes)) {
    return undefined;
  }
  const first: unknown = notes[0];
  return isRecord(first) ? textOf(first.text) : undefined;
}

/** The valueCoding of the first extension with `url`. */
export function extensionCoding(extensions: unknown, url: string): Coding | undefined {
  if (!Array.isArray(extensions)) {
    return undefined;
  }
  for (const extension of extensions as unknown[]) {
    if (isRecord(extension) && extension.url === url && isRecord(extension.valueCoding)) {
      return extension.valueCoding;
    }
  }
  return undefined;
}

export function integerOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}
