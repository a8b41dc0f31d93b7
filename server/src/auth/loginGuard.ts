import { GrowingDelayLimiter, type DelayPolicy } from './rateLimiter.js';

/** The numbers behind the sign-in limits (README, "Security notes"); from the environment. */
export interface LoginLimitSettings {
  /** Failures per account from one place (address, or a browser the account signed in with). */
  perAccountAndPlace: number;
  /** Failures per account from everywhere, before places it never signed in from must wait. */
  perAccount: number;
  /** Failures from one address over all accounts (password spraying). */
  perAddress: number;
  /** Invitation links that were not valid, per address. */
  invitationsPerAddress: number;
  /** First delay once free attempts are used up; it doubles with every further failure. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimitSettings = {
  perAccountAndPlace: 10,
  perAccount: 30,
  perAddress: 50,
  invitationsPerAddress: 10,
  baseDelayMs: 1000,
  maxDelayMs: 15 * 60_000,
};

export interface LoginAttempt {
  email: string;
  address: string;
  /**
   * Where the attempt comes from for the per-account limit: `device:…` when the browser's device
   * cookie is known for this account, else `ip:…`.
   */
  place: string;
  /** The account has signed in from this place before. */
  known: boolean;
}

export type LimitScope = 'place' | 'account' | 'address';

export interface Ticket {
  attempt: LoginAttempt;
  placeKey: string;
  /** The limits this attempt is the last free one of: if it fails, they start to delay. */
  last: LimitScope[];
}

/** The limits, by name (`invitation`: invitation links per address). */
export const LIMIT_NAMES = ['place', 'account', 'address', 'invitation'] as const;
export type LimitName = (typeof LIMIT_NAMES)[number];

/**
 * What a settled check changed, for the other server processes: a failure counted under `key`,
 * or (a success on the place) the key cleared.
 */
export interface LimitChange {
  limit: LimitName;
  key: string;
  failed: boolean;
}

export type Admission = { ok: true; ticket: Ticket } | { ok: false; waitMs: number; scope: LimitScope };

/**
 * Sign-in limits that slow guessing without letting anyone keep a user out:
 * - per account and place: growing delays; an attacker only slows their own place;
 * - per account over all places, and per address over all accounts: growing delays, but only
 *   for places the account has never signed in from. A user signing in from their usual address
 *   or browser is not slowed by attacks from elsewhere, and an address over its limit (a NAT, a
 *   proxy) still gets a first try for each account, so a colleague's right password works.
 * Attempts are reserved before the password hash runs, so concurrent guesses count.
 */
export class LoginGuard {
  private readonly limits: Record<LimitName, GrowingDelayLimiter>;
  private changed: (changes: LimitChange[]) => void = () => {};

  constructor(readonly settings: LoginLimitSettings) {
    const policy = (free: number): DelayPolicy => ({
      free,
      baseMs: settings.baseDelayMs,
      maxMs: settings.maxDelayMs,
      // Long enough that the delay of a persistent attacker reaches its cap and stays there.
      forgetMs: Math.max(3600_000, 4 * settings.maxDelayMs),
    });
    this.limits = {
      place: new GrowingDelayLimiter(policy(settings.perAccountAndPlace)),
      account: new GrowingDelayLimiter(policy(settings.perAccount)),
      address: new GrowingDelayLimiter(policy(settings.perAddress)),
      invitation: new GrowingDelayLimiter(policy(settings.invitationsPerAddress)),
    };
  }

  /** Tells `listener` what each settled check changed (cluster/clusterLoginLimits.ts shares it). */
  onChanges(listener: (changes: LimitChange[]) => void): void {
    this.changed = listener;
  }

  /** A change settled on another server process. */
  applyElsewhere(change: LimitChange, now = Date.now()): void {
    const limiter = this.limits[change.limit];
    if (change.failed) limiter.failedElsewhere(change.key, now);
    else limiter.reset(change.key);
  }

  /** Whether this account+place must wait at all; the cheap check before the database is asked. */
  placeWaitMs(email: string, place: string, now = Date.now()): number {
    return this.limits.place.waitMs(placeKey(email, place), now);
  }

  /** Decides and, when admitted, reserves the attempt in every limit that applies, in one step. */
  admit(attempt: LoginAttempt, now = Date.now()): Admission {
    const key = placeKey(attempt.email, attempt.place);
    const waits: { scope: LimitScope; ms: number }[] = [{ scope: 'place', ms: this.limits.place.waitMs(key, now) }];
    if (!attempt.known) {
      waits.push({ scope: 'account', ms: this.limits.account.waitMs(attempt.email, now) });
      if (this.limits.place.failures(key, now) > 0) waits.push({ scope: 'address', ms: this.limits.address.waitMs(attempt.address, now) });
    }
    const worst = waits.reduce((a, b) => (b.ms > a.ms ? b : a));
    if (worst.ms > 0) return { ok: false, waitMs: worst.ms, scope: worst.scope };
    const last: LimitScope[] = [];
    if (this.limits.place.reserve(key, now) === this.settings.perAccountAndPlace) last.push('place');
    if (!attempt.known) {
      if (this.limits.account.reserve(attempt.email, now) === this.settings.perAccount) last.push('account');
      if (this.limits.address.reserve(attempt.address, now) === this.settings.perAddress) last.push('address');
    }
    return { ok: true, ticket: { attempt, placeKey: key, last } };
  }

  /**
   * The password check is done. A success takes the reservations back and clears the place; a
   * failure stays counted, its delay running from now. Returns the limits that start to delay
   * with this failure (to audit).
   */
  settle(ticket: Ticket, succeeded: boolean, now = Date.now()): LimitScope[] {
    const { attempt, placeKey: key } = ticket;
    if (succeeded) this.limits.place.reset(key);
    else this.limits.place.settle(key, true, now);
    if (!attempt.known) {
      this.limits.account.settle(attempt.email, !succeeded, now);
      this.limits.address.settle(attempt.address, !succeeded, now);
    }
    // A success only takes back its own reservations elsewhere than the place.
    const changes: LimitChange[] = [{ limit: 'place', key, failed: !succeeded }];
    if (!succeeded && !attempt.known) changes.push({ limit: 'account', key: attempt.email, failed: true }, { limit: 'address', key: attempt.address, failed: true });
    this.changed(changes);
    return succeeded ? [] : ticket.last;
  }

  /** Invitation links: reserved per address before the token is looked up. */
  admitInvitation(address: string, now = Date.now()): number {
    const wait = this.limits.invitation.waitMs(address, now);
    if (wait === 0) this.limits.invitation.reserve(address, now);
    return wait;
  }

  /** The token was looked up: a valid one is not a failure. */
  invitationChecked(address: string, valid: boolean, now = Date.now()): void {
    this.limits.invitation.settle(address, !valid, now);
    if (!valid) this.changed([{ limit: 'invitation', key: address, failed: true }]);
  }
}

function placeKey(email: string, place: string): string {
  return `${email}\n${place}`;
}
