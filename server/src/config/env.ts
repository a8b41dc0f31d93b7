import path from 'node:path';
import { z } from 'zod';
import type { PdfExportLimits } from '../export/pdf/exporter.js';
import { DEFAULT_LOGIN_LIMITS, type LoginLimitSettings } from '../auth/loginGuard.js';
import { DEFAULT_HASH_COST, MAX_HASH_COST, MIN_HASH_COST } from '../auth/password.js';
import type { PeerLimits } from '../collab/peerLimits.js';

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().optional(),
  DATA_DIR: z.string().default('./data'),
  PUBLIC_URL: z.url().optional(),
  ALLOWED_ORIGINS: z.string().default(''),
  MAX_MESSAGE_BYTES: z.coerce.number().int().min(1024).default(1024 * 1024),
  COMPACT_THRESHOLD: z.coerce.number().int().min(2).default(200),
  COMPACT_INTERVAL_MS: z.coerce.number().int().min(100).default(30_000),
  HEARTBEAT_INTERVAL_MS: z.coerce.number().int().min(100).max(60_000).default(2_000),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(12 * 60),
  ADMIN_EMAIL: z.string().optional(),
  ADMIN_PASSWORD: z.string().optional(),
  ADMIN_NAME: z.string().default('Administrator'),
  LOG_LEVEL: z.enum(['info', 'warn', 'error', 'silent']).default('info'),
  PDF_WORKERS: z.coerce.number().int().min(1).max(64).optional(),
  PDF_QUEUE: z.coerce.number().int().min(0).optional(),
  PDF_EXPORTS_PER_USER: z.coerce.number().int().min(1).optional(),
  PDF_MAX_MINUTES_BYTES: z.coerce.number().int().min(1024).optional(),
  PDF_TIMEOUT_MS: z.coerce.number().int().min(1000).optional(),
  TRUST_PROXY: z.string().default(''),
  LOGIN_FREE_ATTEMPTS: z.coerce.number().int().min(1).default(DEFAULT_LOGIN_LIMITS.perAccountAndPlace),
  LOGIN_ACCOUNT_FREE_ATTEMPTS: z.coerce.number().int().min(1).default(DEFAULT_LOGIN_LIMITS.perAccount),
  LOGIN_ADDRESS_FREE_ATTEMPTS: z.coerce.number().int().min(1).default(DEFAULT_LOGIN_LIMITS.perAddress),
  LOGIN_MAX_DELAY_SECONDS: z.coerce.number().int().min(1).default(DEFAULT_LOGIN_LIMITS.maxDelayMs / 1000),
  INVITATION_FREE_ATTEMPTS: z.coerce.number().int().min(1).default(DEFAULT_LOGIN_LIMITS.invitationsPerAddress),
  MAX_BUFFERED_BYTES: z.coerce.number().int().min(64 * 1024).optional(),
  SYNC_REQUEST_BURST: z.coerce.number().int().min(1).optional(),
  SYNC_REQUESTS_PER_SECOND: z.coerce.number().positive().optional(),
  AWARENESS_MAX_BYTES: z.coerce.number().int().min(256).max(1024 * 1024).optional(),
  AWARENESS_MAX_DEPTH: z.coerce.number().int().min(4).max(64).optional(),
  AWARENESS_UPDATES_PER_SECOND: z.coerce.number().positive().optional(),
  MAX_PENDING_BYTES: z.coerce.number().int().min(0).optional(),
  MAX_NEW_CLIENT_IDS: z.coerce.number().int().min(1).optional(),
  REALTIME_EVENTS_PER_SECOND: z.coerce.number().positive().optional(),
  PASSWORD_HASH_COST: z.coerce.number().int().min(MIN_HASH_COST).max(MAX_HASH_COST).default(DEFAULT_HASH_COST),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  /** Origin that browsers use to reach the server; websocket and state-changing requests must come from it. */
  publicUrl?: string;
  /** More origins to accept (the Vite dev server in development). */
  extraOrigins?: string[];
  maxMessageBytes: number;
  compactThreshold: number;
  compactIntervalMs: number;
  sessionIdleMinutes: number;
  admin?: { email: string; password: string; name: string };
  logLevel: 'info' | 'warn' | 'error' | 'silent';
  /** Built client to serve; absent in API-only tests. */
  clientDir?: string;
  /** How long an unused document stays loaded. */
  idleUnloadMs: number;
  /** How often open collab connections re-check their session and membership. */
  collabRecheckMs: number;
  /** Collab heartbeat: clients show "offline" after two missed, the server drops peers silent for three. */
  heartbeatIntervalMs: number;
  /** Limits of PDF export; those not given take their defaults (export/pdf/exporter.ts). */
  pdfExport?: Partial<PdfExportLimits>;
  /** Sign-in and invitation limits (see LoginGuard). */
  loginLimits: LoginLimitSettings;
  /**
   * Express's `trust proxy`: which proxies' X-Forwarded-For to believe for the client address
   * (rate limits, audit log). Unset: the socket's peer address.
   */
  trustProxy?: string;
  /** What one connection may cost (defaults in collab/peerLimits.ts). */
  peerLimits?: Partial<PeerLimits>;
  /**
   * log2 of scrypt's N for new password hashes (auth/password.ts; default 15). Lower only in test
   * runs: the server warns at start when it is.
   */
  passwordHashCost?: number;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL || undefined,
    dataDir: path.resolve(e.DATA_DIR),
    publicUrl: e.PUBLIC_URL,
    extraOrigins: e.ALLOWED_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean),
    maxMessageBytes: e.MAX_MESSAGE_BYTES,
    compactThreshold: e.COMPACT_THRESHOLD,
    compactIntervalMs: e.COMPACT_INTERVAL_MS,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    admin: e.ADMIN_EMAIL && e.ADMIN_PASSWORD ? { email: e.ADMIN_EMAIL, password: e.ADMIN_PASSWORD, name: e.ADMIN_NAME } : undefined,
    logLevel: e.LOG_LEVEL,
    clientDir: path.resolve('dist/client'),
    idleUnloadMs: 30_000,
    collabRecheckMs: 60_000,
    heartbeatIntervalMs: e.HEARTBEAT_INTERVAL_MS,
    pdfExport: definedOnly({
      workers: e.PDF_WORKERS,
      queue: e.PDF_QUEUE,
      perUser: e.PDF_EXPORTS_PER_USER,
      maxMinutesBytes: e.PDF_MAX_MINUTES_BYTES,
      timeoutMs: e.PDF_TIMEOUT_MS,
    }),
    loginLimits: {
      ...DEFAULT_LOGIN_LIMITS,
      perAccountAndPlace: e.LOGIN_FREE_ATTEMPTS,
      perAccount: e.LOGIN_ACCOUNT_FREE_ATTEMPTS,
      perAddress: e.LOGIN_ADDRESS_FREE_ATTEMPTS,
      invitationsPerAddress: e.INVITATION_FREE_ATTEMPTS,
      maxDelayMs: e.LOGIN_MAX_DELAY_SECONDS * 1000,
    },
    trustProxy: e.TRUST_PROXY || undefined,
    passwordHashCost: e.PASSWORD_HASH_COST,
    peerLimits: definedOnly({
      maxBufferedBytes: e.MAX_BUFFERED_BYTES,
      syncRequestBurst: e.SYNC_REQUEST_BURST,
      syncRequestsPerSecond: e.SYNC_REQUESTS_PER_SECOND,
      awarenessMaxBytes: e.AWARENESS_MAX_BYTES,
      awarenessMaxDepth: e.AWARENESS_MAX_DEPTH,
      awarenessUpdatesPerSecond: e.AWARENESS_UPDATES_PER_SECOND,
      maxPendingBytes: e.MAX_PENDING_BYTES,
      newClientIdsPerConnection: e.MAX_NEW_CLIENT_IDS,
      realtimeEventsPerSecond: e.REALTIME_EVENTS_PER_SECOND,
    }),
  };
}

/** The fields that are set: an unset variable leaves the default in place. */
function definedOnly<T extends object>(values: { [K in keyof T]: T[K] | undefined }): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;
}
