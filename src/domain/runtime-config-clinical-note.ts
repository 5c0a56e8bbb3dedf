/** The runtime configuration's say on the clinical note a save writes: on or off, and its note type. */
import { isRecord } from './guards';
import {
  assertKnownKeys,
  optionalBoolean,
  requiredString,
  RuntimeConfigError,
} from './runtime-config-fields';

/** A note type the site's EHR files notes under (a LOINC document type, or the EHR's own). */
export interface NoteType {
  readonly system: string;
  readonly code: string;
  readonly display: string;
}

/** The site's say on the clinical-note DocumentReference a save writes (used by the write plan). */
export interface ClinicalNoteConfig {
  /** False: never write the note, even where DocumentReference create is allowed. */
  readonly enabled?: boolean;
  /** Replaces the default note type (LOINC 11506-3 Progress note). */
  readonly type?: NoteType;
}

const NOTE_TYPE_KEYS = new Set(['system', 'code', 'display']);
const CLINICAL_NOTE_KEYS = new Set(['enabled', 'type']);

/** The `clinicalNote` setting of an issuer, checked. */
export function clinicalNote(value: unknown, path: string): ClinicalNoteConfig {
  if (!isRecord(value)) {
    throw new RuntimeConfigError(`${path} must be an object such as { "enabled": true }.`);
  }
  assertKnownKeys(value, CLINICAL_NOTE_KEYS, path);
  const enabled = optionalBoolean(value, 'enabled', path);
  const type: unknown = value.type;
  if (type !== undefined && !isRecord(type)) {
    throw new RuntimeConfigError(`${path}.type must be an object with system, code and display.`);
  }
  let noteType: NoteType | undefined;
  if (isRecord(type)) {
    const typePath = `${path}.type`;
    assertKnownKeys(type, NOTE_TYPE_KEYS, typePath);
    noteType = {
      system: requiredString(type, 'system', typePath, 'the code system URL, e.g. http://loinc.org'),
      code: requiredString(type, 'code', typePath, 'the note type code'),
      display: requiredString(type, 'display', typePath, 'the note type as people read it'),
    };
  }
  return {
    ...(enabled === undefined ? {} : { enabled }),
    ...(noteType ? { type: noteType } : {}),
  };
}
