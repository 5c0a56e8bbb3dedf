import type { DraftFollowUp, PeerEncounterDraft } from '../../domain/peer-encounter-draft';

/**
 * Keeps the draft in this tab's sessionStorage as it is typed, so a reload, a crash of the EHR frame
 * or an expired session loses nothing. Keyed by server, user and patient: a later launch for the same
 * person finds the unsaved words, and a launch for anyone else never sees them. sessionStorage, not
 * localStorage: notes must not outlive the tab on a shared workstation.
 */

export interface DraftKey {
  readonly serverUrl: string;
  readonly user: string;
  readonly patientId: string;
}

/** Everything typed that is not yet safely in the record. */
export interface WorkInProgress {
  readonly draft: PeerEncounterDraft;
  /** Group sessions: the other participants' patient ids, and the draft id each one's note keeps. */
  readonly participants: Readonly<Record<string, string>>;
  readonly groupSummary: string;
  /**
   * The follow-up as the peer had it before a safety answer took it over (safety-follow-up.ts), given
   * back if the answer is changed back. Not part of the note; kept here so a reload keeps it too.
   */
  readonly followUpBeforeSafety?: DraftFollowUp;
}

export interface DraftStore {
  load(): WorkInProgress | undefined;
  /** Returns false when the browser refused to keep it (storage full or blocked). */
  save(work: WorkInProgress): boolean;
  clear(): void;
}

const PREFIX = 'peerbridge.work.v1';

export function draftStorageKey(key: DraftKey): string {
  return `${PREFIX}|${key.serverUrl}|${key.user}|${key.patientId}`;
}

function looksLikeWork(value: unknown, patientId: string): value is WorkInProgress {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const work = value as Record<string, unknown>;
  const participants: unknown = work.participants;
  return (
    looksLikeDraft(work.draft, patientId) &&
    typeof work.groupSummary === 'string' &&
    typeof participants === 'object' &&
    participants !== null &&
    Object.values(participants).every((id) => typeof id === 'string')
  );
}

function looksLikeFollowUp(value: unknown): value is DraftFollowUp {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const followUp = value as Partial<DraftFollowUp>;
  return typeof followUp.reason === 'string' && typeof followUp.urgency === 'string';
}

/** Work kept by an older version, or with a follow-up memory we cannot read, still loads: without it. */
function withReadableMemory(work: WorkInProgress): WorkInProgress {
  if (work.followUpBeforeSafety === undefined || looksLikeFollowUp(work.followUpBeforeSafety)) {
    return work;
  }
  const { followUpBeforeSafety: _unreadable, ...rest } = work;
  return rest;
}

function looksLikeDraft(value: unknown, patientId: string): value is PeerEncounterDraft {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const draft = value as Partial<PeerEncounterDraft>;
  return (
    typeof draft.id === 'string' &&
    draft.patientId === patientId &&
    typeof draft.narrative === 'string' &&
    Array.isArray(draft.activities) &&
    Array.isArray(draft.goals) &&
    Array.isArray(draft.measures)
  );
}

export function createDraftStore(key: DraftKey, storage: Storage | undefined): DraftStore {
  const storageKey = draftStorageKey(key);
  return {
    load() {
      try {
        const text = storage?.getItem(storageKey);
        const parsed: unknown = text ? JSON.parse(text) : undefined;
        return looksLikeWork(parsed, key.patientId) ? withReadableMemory(parsed) : undefined;
      } catch {
        return undefined;
      }
    },
    save(work) {
      if (!storage) {
        return false;
      }
      try {
        storage.setItem(storageKey, JSON.stringify(work));
        return true;
      } catch {
        return false;
      }
    },
    clear() {
      try {
        storage?.removeItem(storageKey);
      } catch {
        // Nothing to keep clean in a storage we cannot reach.
      }
    },
  };
}

/** sessionStorage, or undefined where the browser blocks it (the page then warns and keeps going). */
export function sessionStorageOrUndefined(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}
