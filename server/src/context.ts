import type { Database } from '../../db/client.js';
import type { ActionItemProjection } from './actionItems/projection.js';
import type { ClusterBus } from './cluster/clusterBus.js';
import type { LoginGuard } from './auth/loginGuard.js';
import type { PasswordHasher } from './auth/password.js';
import type { CollabEndpoint } from './collab/collabEndpoint.js';
import type { DocumentRegistry } from './collab/documentRegistry.js';
import type { PostgresDocumentStore } from './collab/postgresDocumentStore.js';
import type { Config } from './config/env.js';
import type { PdfExporter } from './export/pdf/exporter.js';
import type { Logger } from './logger.js';
import type { Realtime } from './realtime/realtime.js';

/** Everything a route or command may use; built once in app.ts. */
export interface AppContext {
  db: Database;
  config: Config;
  log: Logger;
  /** The minutes' update log: the only way anything writes it. */
  store: PostgresDocumentStore;
  registry: DocumentRegistry;
  /** The other server processes on the same database (none on the embedded one). */
  cluster: ClusterBus;
  collab: CollabEndpoint;
  realtime: Realtime;
  projection: ActionItemProjection;
  pdf: PdfExporter;
  loginGuard: LoginGuard;
  /** New password hashes, at the configured cost. */
  passwords: PasswordHasher;
  /** Origins that may open websockets and send state-changing requests. */
  allowedOrigins: Set<string>;
}
