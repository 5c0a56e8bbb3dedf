/**
 * Creating each resource of a save once, however often the save is retried: a landed ledger entry
 * is not sent again, and where the server has no conditional create an earlier attempt whose answer
 * was lost is looked for (by identifier, tag, or the note's own text) before anything is re-sent.
 */
import type { FhirResource } from 'fhir/r4';
import { RESOURCE_KEY_SYSTEM } from '../domain/codes';
import { arrayOf, isRecord, isResource, stringOf, textOf } from '../domain/guards';
import { keyOfResource } from '../domain/resource-keys';
import { supportsSearchParam, type ServerCapabilities } from '../domain/server-capabilities';
import type { WritePart } from '../domain/write-plan';
import { UnreadableResponseError } from './fhir-errors';
import type { FhirSession } from './smart-session';
import type { RefusalMemory, WriteLedger } from './write-ledger';
import { writtenFromAnswer, type WrittenResource } from './written-resource';

export interface ExecutorDependencies {
  readonly capabilities: ServerCapabilities;
  readonly ledger: WriteLedger;
  readonly refusals: RefusalMemory;
}

/** The note's text, base64 as sent: PeerBridge renders the whole note into it, time and author included. */
function noteData(resource: FhirResource): string | undefined {
  if (resource.resourceType !== 'DocumentReference') {
    return undefined;
  }
  return resource.content.length === 1 ? textOf(resource.content[0]?.attachment.data) : undefined;
}

/**
 * Oracle Health drops a note's identifier (document_reference.yaml): an earlier attempt's note is
 * then recognised by its whole text, for the same patient. Two notes with the same words, time and
 * author are the same note.
 */
function sameNoteText(sent: FhirResource, found: FhirResource): boolean {
  const data = noteData(sent);
  return (
    data !== undefined &&
    found.resourceType === 'DocumentReference' &&
    sent.resourceType === 'DocumentReference' &&
    stringOf(found.subject?.reference) === stringOf(sent.subject?.reference) &&
    arrayOf(found.content).some(
      (content) => isRecord(content) && isRecord(content.attachment) && content.attachment.data === data,
    )
  );
}

/** One save's requests: counts them, creates each resource once, and remembers refused parts. */
export class WriteRun {
  requestCount = 0;
  readonly refused: WritePart[] = [];

  constructor(
    private readonly session: FhirSession,
    private readonly deps: ExecutorDependencies,
  ) {}

  /** Finds what an earlier attempt wrote under `key`; undefined when it is not there, 'unsearchable' when it cannot be looked for. */
  async find(resource: FhirResource, key: string): Promise<WrittenResource | undefined | 'unsearchable'> {
    const type = resource.resourceType;
    const caps = this.deps.capabilities;
    const token = encodeURIComponent(`${RESOURCE_KEY_SYSTEM}|${key}`);
    let path: string | undefined;
    if (type === 'Provenance') {
      path = supportsSearchParam(caps, type, '_tag') ? `Provenance?_tag=${token}` : undefined;
    } else if (supportsSearchParam(caps, type, 'identifier')) {
      path = `${type}?identifier=${token}`;
    } else if (type === 'DocumentReference' && supportsSearchParam(caps, type, 'patient')) {
      // Epic and Oracle list no identifier search on DocumentReference: read the patient's notes and match ours.
      const patient = encodeURIComponent(
        stringOf(resource.subject?.reference)?.replace(/^Patient\//, '') ?? '',
      );
      path = `DocumentReference?patient=${patient}${supportsSearchParam(caps, type, '_count') ? '&_count=100' : ''}`;
    }
    if (!path) {
      return 'unsearchable';
    }
    const response = await this.session.request(path);
    this.requestCount += 1;
    const entries =
      isRecord(response.body) && Array.isArray(response.body.entry) ? (response.body.entry as unknown[]) : [];
    for (const entry of entries) {
      const match: unknown = isRecord(entry) ? entry.resource : undefined;
      if (
        isResource(match) &&
        match.resourceType === type &&
        (keyOfResource(match) === key || sameNoteText(resource, match)) &&
        textOf(match.id)
      ) {
        const versionId = textOf(match.meta?.versionId);
        return {
          resourceType: type,
          id: match.id ?? '',
          ...(versionId ? { versionId } : {}),
          resource: match,
          created: false,
        };
      }
    }
    return undefined;
  }

  /**
   * Creates `resource` once. A landed ledger entry is returned without a request; an earlier attempt
   * whose answer was lost is looked for first where the server has no conditional create.
   * `unknownEarlier`: what to do when an earlier attempt cannot be looked for.
   */
  async createOnce(
    resource: FhirResource,
    key: string,
    conditional: string | undefined,
    unknownEarlier: 'send' | 'skip',
  ): Promise<WrittenResource | undefined> {
    const { ledger } = this.deps;
    const known = ledger.get(key);
    if (known?.state === 'landed') {
      return {
        resourceType: known.resourceType,
        id: known.id,
        ...(known.versionId ? { versionId: known.versionId } : {}),
        created: false,
      };
    }
    if (known?.state === 'sent' && !conditional) {
      const found = await this.find(resource, key);
      if (found === 'unsearchable' && unknownEarlier === 'skip') {
        return undefined;
      }
      if (found && found !== 'unsearchable') {
        this.land(key, found);
        return found;
      }
    }
    ledger.set(key, { state: 'sent' });
    const response = await this.session.request(resource.resourceType, {
      method: 'POST',
      body: resource,
      headers: { Prefer: 'return=representation', ...(conditional ? { 'If-None-Exist': conditional } : {}) },
    });
    this.requestCount += 1;
    let written = writtenFromAnswer(response, resource.resourceType);
    if (!written) {
      const found = await this.find(resource, key);
      written = found === 'unsearchable' ? undefined : found;
    }
    if (!written) {
      throw new UnreadableResponseError(
        response.status,
        `the server did not say where it stored the ${resource.resourceType}`,
      );
    }
    this.land(key, written);
    return written;
  }

  land(key: string, written: WrittenResource): void {
    this.deps.ledger.set(key, {
      state: 'landed',
      resourceType: written.resourceType,
      id: written.id,
      ...(written.versionId ? { versionId: written.versionId } : {}),
    });
  }

  refuse(part: WritePart): void {
    if (!this.refused.includes(part)) {
      this.refused.push(part);
    }
    this.deps.refusals.remember(part);
  }
}
