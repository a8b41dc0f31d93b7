import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { openDatabase } from '../../db/client.js';
import { durabilityGaps } from '../../db/durability.js';
import { migrate } from '../../db/migrate.js';
import { minutesLocked } from '../../db/queries/minutesUpdates.js';
import { loadClientIds, recordClientIds } from '../../db/queries/minutesClientIds.js';
import { CloseCode } from '../../shared/collab/closeCodes.js';
import { ActionItemProjection } from './actionItems/projection.js';
import { AnchorWatch } from './amendments/anchorWatch.js';
import { AFTER_COMMIT_MS, AfterCommitWork } from './collab/afterCommitWork.js';
import { BackgroundLane } from './collab/backgroundLane.js';
import { startClusterBus } from './cluster/clusterBus.js';
import { clusterCalls } from './cluster/clusterCalls.js';
import { shareLoginLimits } from './cluster/clusterLoginLimits.js';
import { followCluster } from './cluster/clusterDocuments.js';
import { LoginGuard } from './auth/loginGuard.js';
import { DEFAULT_HASH_COST, PasswordHasher } from './auth/password.js';
import { circulationNotice } from './realtime/circulationNotice.js';
import { authorizeCollab } from './collab/authorizeCollab.js';
import { createCollabEndpoint } from './collab/collabEndpoint.js';
import { startCompactor } from './collab/compactor.js';
import { DocumentRegistry } from './collab/documentRegistry.js';
import type { DocumentStore } from './collab/documentStore.js';
import { peerLimits } from './collab/peerLimits.js';
import { PostgresDocumentStore } from './collab/postgresDocumentStore.js';
import { PdfExporter } from './export/pdf/exporter.js';
import { SearchIndex } from './search/searchIndex.js';
import { ensureConfiguredAdmin } from './commands/users.js';
import type { Config } from './config/env.js';
import type { AppContext } from './context.js';
import { apiRouter } from './http/api.js';
import { answerClientErrors } from './http/clientError.js';
import { errorHandler, notFoundHandler } from './http/errorHandler.js';
import { allowedOriginsFor, securityHeaders } from './http/security.js';
import { serveClient } from './http/staticClient.js';
import { createLogger } from './logger.js';
import { createRealtime } from './realtime/realtime.js';

/** How long an idle HTTP connection stays open (see `keepAliveTimeout` below). */
const KEEP_ALIVE_MS = 65_000;

export interface RunningServer {
  port: number;
  url: string;
  ctx: AppContext;
  httpServer: Server;
  close(): Promise<void>;
}

/** Background runs at once on the embedded database (backgroundLane.ts has the measurements). */
const EMBEDDED_LANE_WIDTH = 4;

/** What a benchmark may put in place of the server's own parts (never set by `npm start`). */
export interface ServerHooks {
  /**
   * The store the live documents commit to, given the real one: `bench:collab`'s diagnostic
   * contenders time the pipeline with a commit that skips the database
   * (scripts/bench/collab/diagnosticStore.ts).
   */
  liveStore?: (store: DocumentStore) => DocumentStore;
}

/** Starts Mahdar: database (migrated), REST, collab websocket, socket.io, static client. */
export async function startServer(config: Config, hooks: ServerHooks = {}): Promise<RunningServer> {
  const log = createLogger(config.logLevel);
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    onEmbeddedFailure: (error) => log.error('db.embedded_stopped', { error: String(error) }),
    onEmbeddedMaintenanceError: (error) => log.warn('db.maintenance_failed', { error: String(error) }),
  });
  try {
    await migrate(db.sql);
    const gaps = await durabilityGaps(db.sql);
    if (gaps.length > 0) log.warn('db.not_durable', { gaps });
  } catch (error) {
    await db.close();
    throw error;
  }

  const cluster = await startClusterBus(db, config.databaseUrl, log);
  const store = new PostgresDocumentStore(db.sql, { sql: db.commitSql, announce: cluster.shared });
  const limits = peerLimits(config.peerLimits);
  const clientIds = {
    load: (meetingId: string) => loadClientIds(db.sql, meetingId),
    record: (meetingId: string, rows: { clientId: number; userId: string | null }[]) => recordClientIds(db.sql, meetingId, rows),
  };
  const lockedNow = (meetingId: string) => minutesLocked(db.sql, meetingId);
  const registry = new DocumentRegistry({
    store: hooks.liveStore?.(store) ?? store,
    log,
    idleUnloadMs: config.idleUnloadMs,
    lockedAtLoad: lockedNow,
    guards: { clientIds, limits },
    stale: cluster.stale,
  });
  followCluster(cluster, registry, log, lockedNow);
  const app = express();
  app.disable('x-powered-by');
  if (config.trustProxy) app.set('trust proxy', trustProxyValue(config.trustProxy));
  const httpServer = createServer(app);
  answerClientErrors(httpServer);
  // An idle keep-alive connection is closed by the side whose timeout ends first; when that is
  // the server, a request sent at that moment fails ("other side closed": a load balancer's 502,
  // a flaky test). Node's 5 s is below every proxy's idle timeout (nginx 60 s upstream, cloud
  // load balancers 60 s): the server keeps idle connections longer, and the proxy closes them.
  // (headersTimeout stays Node's 60 s: it counts from a request's start, not from idle time.)
  httpServer.keepAliveTimeout = KEEP_ALIVE_MS;
  const allowedOrigins = new Set<string>();
  const localRealtime = createRealtime({ httpServer, db, log, sessionIdleMinutes: config.sessionIdleMinutes, allowedOrigins, limits });
  const localCollab = createCollabEndpoint({
    registry,
    log,
    maxMessageBytes: config.maxMessageBytes,
    limits,
    recheckMs: config.collabRecheckMs,
    heartbeatIntervalMs: config.heartbeatIntervalMs,
    authorize: (req, meetingId) => authorizeCollab(ctx, req, meetingId),
    databaseReachable: (timeoutMs) => db.ping(timeoutMs),
  });
  // Events and disconnections reach the sockets of every server process on this database.
  const { realtime, collab } = clusterCalls({ bus: cluster, db, log, realtime: localRealtime, collab: localCollab });
  // Projections, quotes and notices after commits: a few runs at a time on the embedded
  // database, whose one connection they share with the commits (see backgroundLane.ts). Postgres
  // serves them on other connections, in parallel: there a lane only delayed them (500 typists in
  // 50 meetings: runs waited 1.9 s at the median, and the p99 keystroke was no faster).
  const lane = db.kind === 'embedded' ? new BackgroundLane(EMBEDDED_LANE_WIDTH) : undefined;
  // One run per meeting for its items, circulation notice and quotes, in that order: the items'
  // read of the meeting serves the notice.
  const afterCommit = new AfterCommitWork(AFTER_COMMIT_MS, log, lane);
  registry.onLoaded((doc) => afterCommit.watch(doc));
  const projection = new ActionItemProjection(db, registry, realtime, log, new SearchIndex(db), afterCommit, lane);
  registry.onLoaded((doc) => projection.watch(doc));
  registry.onUnloading((meetingId) => projection.beforeUnload(meetingId));
  registry.onUnloaded((meetingId) => projection.forget(meetingId));
  afterCommit.add(projection.itemsTask);
  afterCommit.add(circulationNotice(db, realtime, log));
  afterCommit.add(new AnchorWatch({ db, cluster }, registry, realtime, log).task);

  const loginGuard = new LoginGuard(config.loginLimits);
  shareLoginLimits(cluster, loginGuard);

  const ctx: AppContext = {
    db,
    config,
    log,
    store,
    registry,
    cluster,
    collab,
    realtime,
    projection,
    pdf: new PdfExporter(config.pdfExport),
    allowedOrigins,
    loginGuard,
    passwords: new PasswordHasher(config.passwordHashCost),
  };

  httpServer.on('upgrade', (req, socket, head) => {
    if (ctx.collab.handleUpgrade(req, socket, head)) return;
    // socket.io answers its own path; anything else is not ours.
    if (!req.url?.startsWith('/socket.io/')) socket.destroy();
  });

  app.use(securityHeaders);
  app.use('/api', apiRouter(ctx), notFoundHandler);
  serveClient(app, config.clientDir);
  app.use(errorHandler(log));

  await ensureConfiguredAdmin(ctx);
  const stopCompactor = startCompactor({ store, live: (meetingId) => registry.current(meetingId), threshold: config.compactThreshold, intervalMs: config.compactIntervalMs, log });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  for (const origin of [...allowedOriginsFor(config.publicUrl, port), ...(config.extraOrigins ?? [])]) allowedOrigins.add(origin);
  const url = `http://localhost:${port}`;
  const catchingUp = projection.catchUp();
  log.info('server.started', { url, database: db.kind });
  if (ctx.passwords.cost < DEFAULT_HASH_COST) {
    log.warn('auth.weak_password_hashing', { cost: ctx.passwords.cost, default: DEFAULT_HASH_COST, note: 'PASSWORD_HASH_COST is for test runs only' });
  }

  let closing: Promise<void> | undefined;
  return {
    port,
    url,
    ctx,
    httpServer,
    close() {
      closing ??= (async () => {
        await stopCompactor();
        await catchingUp;
        await registry.closeAll(CloseCode.serverRestart, 'server restarting');
        // The documents' last commits are projected before the database closes.
        await afterCommit.finish();
        await projection.close();
        ctx.collab.close();
        // Before socket.io closes the server and waits for every HTTP connection: one kept alive
        // (KEEP_ALIVE_MS) or with a response its client never read would hold that wait.
        httpServer.closeAllConnections();
        // socket.io's close ends with the HTTP server's.
        await realtime.close();
        await ctx.pdf.close();
        await cluster.close();
        await db.close();
      })();
      return closing;
    },
  };
}

/** `TRUST_PROXY`: a hop count, `true`, or addresses/subnets (`loopback`, `10.0.0.0/8`, …). */
function trustProxyValue(setting: string): boolean | number | string {
  if (setting === 'true') return true;
  if (/^\d+$/.test(setting)) return Number(setting);
  return setting;
}
