import type { Communication, FhirResource, Provenance } from 'fhir/r4';
import { ifNoneExistFor, ifNoneExistForTag, keyOfResource } from '../domain/resource-keys';
import type { ReviewNote } from '../domain/review-queue';
import {
  buildCosignature,
  buildNoteReturn,
  canAddressPeer,
  describeReviewRefusal,
  hasComment,
  planReviewWrite,
  reviewInstead,
  reviewKey,
  type ReviewAction,
  type Reviewer,
} from '../domain/review-writes';
import { supportsSearchParam, type ServerCapabilities } from '../domain/server-capabilities';
import { describeOutcome, FhirHttpError } from './fhir-errors';
import { readSearchset } from './note-parts-query';
import type { FhirSession } from './smart-session';

/** The review could not be written, and will not be by retrying: the words say what to do instead. */
export class ReviewRefusedError extends Error {
  readonly action: ReviewAction;

  constructor(action: ReviewAction, message: string) {
    super(message);
    this.name = 'ReviewRefusedError';
    this.action = action;
  }
}

export interface ReviewWriteResult {
  /** `already`: an earlier attempt (this one's lost answer, or another tab) had written it. */
  readonly kind: 'written' | 'already';
  readonly resource: FhirResource;
}

export interface NoteReviewWriterDeps {
  readonly now: () => Date;
  readonly capabilities: () => Promise<ServerCapabilities>;
}

/** Statuses that mean "this server will not take this from an app", not "try again". */
const REFUSAL_STATUSES = new Set([400, 403, 404, 405, 422]);

/**
 * Writes a supervisor's co-signature or return. Each write is one create of a new resource, never
 * an update of the peer's note; before it, a search for its key finds what an earlier attempt wrote
 * (a lost answer must not make a second co-signature), and the create is conditional where the
 * server says it can be.
 */
export class NoteReviewWriter {
  private readonly refused = new Set<ReviewAction>();

  constructor(
    private readonly session: FhirSession,
    private readonly reviewer: Reviewer,
    private readonly deps: NoteReviewWriterDeps,
  ) {}

  async cosign(note: ReviewNote): Promise<ReviewWriteResult> {
    const key = reviewKey.cosign(note);
    return this.write(
      'cosign',
      key,
      buildCosignature(note, this.reviewer, this.deps.now().toISOString()),
      note,
    );
  }

  async returnNote(note: ReviewNote, comment: string): Promise<ReviewWriteResult> {
    if (!hasComment(comment)) {
      throw new ReviewRefusedError('return', 'Write what the peer should change before returning the note.');
    }
    if (!canAddressPeer(note)) {
      throw new ReviewRefusedError(
        'return',
        'The note does not say which peer wrote it, so PeerBridge cannot send it back. Tell the peer in the EHR’s own messages.',
      );
    }
    const key = reviewKey.return(note);
    const message = buildNoteReturn(note, this.reviewer, comment, this.deps.now().toISOString());
    return this.write('return', key, message, note);
  }

  private async write(
    action: ReviewAction,
    key: string,
    resource: Provenance | Communication,
    note: ReviewNote,
  ): Promise<ReviewWriteResult> {
    const capabilities = await this.deps.capabilities();
    const plan = planReviewWrite(
      action,
      capabilities,
      this.session.context.grantedScope,
      this.refused.has(action),
    );
    if (plan.kind === 'refused') {
      throw new ReviewRefusedError(action, describeReviewRefusal(action, plan.reason));
    }
    const existing = await this.findEarlier(resource.resourceType, key, note, capabilities);
    if (existing) {
      return { kind: 'already', resource: existing };
    }
    const condition = resource.resourceType === 'Provenance' ? ifNoneExistForTag(key) : ifNoneExistFor(key);
    try {
      const response = await this.session.request(resource.resourceType, {
        method: 'POST',
        body: resource,
        headers: plan.conditional ? { 'If-None-Exist': condition } : {},
      });
      const saved = response.body as FhirResource | undefined;
      // Oracle Health answers a create with an empty body: what was sent is what was written.
      return {
        kind: 'written',
        resource: saved?.resourceType === resource.resourceType ? saved : resource,
      };
    } catch (error) {
      if (error instanceof FhirHttpError && REFUSAL_STATUSES.has(error.status)) {
        this.refused.add(action);
        const said = error.outcome ? ` It said: ${describeOutcome(error.outcome)}.` : '';
        throw new ReviewRefusedError(
          action,
          `The EHR refused the ${action === 'cosign' ? 'co-signature' : 'returned note'} (HTTP ${error.status}).${said} ${reviewInstead(action)}`,
        );
      }
      throw error;
    }
  }

  /** What an earlier attempt wrote under this key: by `_tag`/`identifier`, else among the note's own. */
  private async findEarlier(
    type: 'Provenance' | 'Communication',
    key: string,
    note: ReviewNote,
    capabilities: ServerCapabilities,
  ): Promise<FhirResource | undefined> {
    const byKey = type === 'Provenance' ? '_tag' : 'identifier';
    const path = supportsSearchParam(capabilities, type, byKey)
      ? `${type}?${type === 'Provenance' ? ifNoneExistForTag(key) : ifNoneExistFor(key)}`
      : `${type}?${type === 'Provenance' ? 'target' : 'encounter'}=${encodeURIComponent(note.encounterRef)}`;
    const response = await this.session.request(path);
    return readSearchset(response.body).resources.find(
      (r) => r.resourceType === type && keyOfResource(r) === key,
    );
  }
}
