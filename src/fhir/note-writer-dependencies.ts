import type { TransactionAuthor } from '../domain/mapping-context';
import type { ProgramConfig } from '../domain/program-config';
import type { WritePlanSite } from '../domain/write-plan';
import type { ServerCapabilities } from './server-capabilities';
import type { RefusalMemory, WriteLedger } from './write-ledger';

export interface NoteWriterDependencies {
  readonly now: () => Date;
  readonly newUuid: () => string;
  readonly capabilities: () => Promise<ServerCapabilities>;
  /** Waits before one automatic retry of a 429 or 503; injected so tests need no real time. */
  readonly sleep: (milliseconds: number) => Promise<void>;
  /**
   * The site's write options for this server (runtime config `clinicalNote`/`structuredRecord`);
   * DEFAULT_WRITE_PLAN_SITE until the runtime config carries them. The one seam to point at it.
   */
  readonly site: () => WritePlanSite;
  /** What each draft's saves sent and what landed (sessionLedger): a retry never re-posts. */
  readonly ledger: WriteLedger;
  /** Parts this server refused earlier in this browser session (sessionRefusals). */
  readonly refusals: RefusalMemory;
  /** The site's peer programme (runtime config `program`): modifiers and the programme's labels. */
  readonly program?: () => ProgramConfig | undefined;
}

export interface NoteAuthor extends TransactionAuthor {
  readonly organization?: string;
}
