import type * as Y from 'yjs';
import type { AuditEntry } from '../../../db/queries/auditLog.js';
import type { FollowerHost } from './logFollower.js';
import type { PeerLimits } from './peerLimits.js';
import type { Peer } from './peerSet.js';

/** What a document's commit pipeline is asked to do, in order (see commitPipeline.ts). */
export type Job =
  | { kind: 'update'; peer: Peer; update: Uint8Array; seq: number; reject?: undefined }
  | { kind: 'read'; run: () => void; reject?: (e: unknown) => void }
  | {
      kind: 'server';
      /**
       * Returns the audit entry of what it changed, committed in the same statement as the change;
       * nothing when it changed nothing (a batch that commits nothing writes no entry).
       */
      change: (doc: Y.Doc) => AuditEntry | void;
      resolve: () => void;
      reject: (e: unknown) => void;
    }
  | { kind: 'lock'; locked: boolean; resolve: () => void; reject: (e: unknown) => void }
  | {
      kind: 'catchUp';
      resolve: () => void;
      reject: (e: unknown) => void;
      /** Also the lock as the database has it when the job runs (undefined: leave it). */
      lockedInDatabase?: () => Promise<boolean | undefined>;
      /** What lockedInDatabase read, set at this point of the batch. */
      locked?: boolean;
    };

/** Origin of changes that went through the commit pipeline (as opposed to awareness etc.). */
export const COMMITTED = Symbol('committed');

/** What the pipeline works on: the document of one meeting, its peers and where it is stored. */
export interface PipelineHost extends FollowerHost {
  readonly limits: PeerLimits;
  /** True while notices of others' commits may be missed: read the log before serving. */
  stale?(): boolean;
  /** A batch's merged update was committed and broadcast. */
  committed(update: Uint8Array): void;
  /** The pipeline failed (once): disconnect everyone with `code` and drop the document. */
  failed(error: unknown, code: number, reason: string): void;
}
