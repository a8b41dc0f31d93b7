import { beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../../db/queries/auditLog.js';
import { AddressedClient } from '../test/addressedClient.js';
import { DEFAULT_LOGIN_LIMITS } from './loginGuard.js';
import { DEFAULT_HASH_COST } from './password.js';
import { ApiClient } from '../test/apiClient.js';
import { ADMIN, useTestServer } from '../test/testServer.js';

// The defaults (README "Security notes": 10 per account and place, 50 per address, 10 made-up
// invitation links per address, delays doubling) but 12 instead of 30 per account, which keeps
// the number of password hashes down, and a first delay of 2 s instead of 1 s, which leaves a
// loaded test machine time to see it.
const LIMITS = { ...DEFAULT_LOGIN_LIMITS, perAccount: 12, baseDelayMs: 2000 };
// Password hashing at its real cost: what these limits protect is the server's time.
const t = useTestServer({ loginLimits: LIMITS, passwordHashCost: DEFAULT_HASH_COST });
const PASSWORD = 'member-password-123';
let groupId: string;

beforeAll(async () => {
  groupId = (await t.admin.createGroup()).id;
});

/** A client on another machine: 127.0.0.0/8 is all loopback. */
const at = (address: string) => new AddressedClient(t.url, address);

/** A user who has signed in before from 127.0.0.1 (as every test user does). */
const member = (name: string) => t.admin.addMember(groupId, 'delegate', name);

/** Wrong passwords sent together; returns the statuses. */
async function failFrom(client: AddressedClient, email: string, times: number): Promise<number[]> {
  return (await Promise.all(Array.from({ length: times }, (_, i) => client.signIn(email, `wrong-password-${i}`)))).map((r) => r.status);
}

describe('sign-in limits', () => {
  it('checks at most the free attempts of 100 concurrent wrong passwords for one account; the rest get 429 with Retry-After', async () => {
    const { email } = await member('target');
    const attacker = at('127.0.0.2');
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => attacker.signIn(email, `guess-${i}`)));
    const checked = results.filter((r) => r.status === 401).length;
    expect(checked).toBeLessThanOrEqual(LIMITS.perAccountAndPlace);
    expect(checked + results.filter((r) => r.status === 429).length).toBe(100);
    const limited = results.find((r) => r.status === 429)!;
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // The wait said in words is the Retry-After, "1 second" or "N seconds".
    const wait = Number(limited.headers.get('retry-after'));
    expect(limited.body.error?.message).toContain(`Try again in ${wait} second${wait === 1 ? '' : 's'}.`);
    // Only checked attempts are failures in the audit log.
    const failures = (await listAudit(t.server.ctx.db.sql, { limit: 1000 })).filter((r) => r.action === 'auth.login_failed' && r.target === email);
    expect(failures).toHaveLength(checked);
    // The owner, from where they usually sign in, is not slowed at all.
    expect((await ApiClient.signIn(t.url, email, PASSWORD)).cookie).toBeTruthy();
  }, 30_000);

  it('delays grow for a persistent guesser: the attempt after the wait is checked, the next waits twice as long', async () => {
    const { email } = await member('persistent');
    const attacker = at('127.0.0.3');
    expect(await failFrom(attacker, email, LIMITS.perAccountAndPlace)).toEqual(Array(LIMITS.perAccountAndPlace).fill(401));
    const first = await attacker.signIn(email, 'wrong');
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('2');
    await new Promise((r) => setTimeout(r, 2100));
    expect((await attacker.signIn(email, 'wrong-again')).status).toBe(401);
    const second = await attacker.signIn(email, 'wrong');
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).toBe('4');
  });

  it("attackers on many addresses cannot keep the admin out: the usual address and the admin's browser still work", async () => {
    // The admin's browser, at home, before the attack: it gets a device cookie.
    const browser = at('127.0.0.20');
    expect((await browser.signIn(ADMIN.email, ADMIN.password)).status).toBe(204);
    // Two machines, as many wrong passwords as each may try: more than an account may have.
    const attackers = ['127.0.0.11', '127.0.0.12'].map(at);
    const statuses = (await Promise.all(attackers.map((a) => failFrom(a, ADMIN.email, LIMITS.perAccountAndPlace)))).flat();
    expect((await attackers[0]!.signIn(ADMIN.email, 'one-more')).status).toBe(429);
    // A browser and an address the account never used wait while the attack lasts.
    const stranger = await at('127.0.0.22').signIn(ADMIN.email, ADMIN.password);
    expect(stranger.status).toBe(429);
    expect(Number(stranger.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);

    // From the office address the admin signed in from before: not slowed.
    expect((await ApiClient.signIn(t.url, ADMIN.email, ADMIN.password)).cookie).toBeTruthy();
    // The same browser on a network it never used: its device cookie is known.
    const travelling = browser.movedTo('127.0.0.21');
    expect((await travelling.signIn(ADMIN.email, ADMIN.password)).status).toBe(204);
    expect((await travelling.request('GET', '/api/me')).status).toBe(200);
    // The attackers together got no more checks than the account allows.
    expect(statuses.filter((s) => s === 401)).toHaveLength(LIMITS.perAccount);
  }, 60_000);

  it("an address over its limit (a ministry's NAT) does not refuse the right password of someone else behind it", async () => {
    const nat = '127.0.0.30';
    const known = await member('colleague-known');
    await at(nat).signIn(known.email, PASSWORD);
    const created = `new-${Math.random().toString(36).slice(2, 8)}@example.test`;
    await t.admin.ok('POST', '/api/users', { email: created, name: 'New colleague', password: PASSWORD });
    // Someone behind the NAT sprays one password over more accounts than an address may fail.
    const sprayer = at(nat);
    const accounts = LIMITS.perAddress + 5;
    const sprayed = await Promise.all(Array.from({ length: accounts }, (_, i) => sprayer.signIn(`user${i}@example.test`, 'Summer2026!')));
    expect(sprayed.map((r) => r.status)).toEqual(Array(accounts).fill(401));

    // A colleague who never signed in before, and one who did (after a typo): both get in.
    expect((await at(nat).signIn(created, PASSWORD)).status).toBe(204);
    const colleague = at(nat);
    expect((await colleague.signIn(known.email, 'typo')).status).toBe(401);
    expect((await colleague.signIn(known.email, PASSWORD)).status).toBe(204);
    // The sprayer's second guess at an account waits.
    expect((await sprayer.signIn('user0@example.test', 'Winter2026!')).status).toBe(429);
  }, 60_000);

  it("an attacker on the user's own address, guessing the user's password, does not lock out the user's browser", async () => {
    const office = '127.0.0.40';
    const victim = await member('victim');
    const browser = at(office);
    expect((await browser.signIn(victim.email, PASSWORD)).status).toBe(204);
    const attacker = at(office);
    await failFrom(attacker, victim.email, LIMITS.perAccountAndPlace + 1);
    expect((await browser.signIn(victim.email, PASSWORD)).status).toBe(204);
    expect((await attacker.signIn(victim.email, PASSWORD)).status).toBe(429);
  }, 30_000);
});

describe('invitation links', () => {
  it('a made-up token is refused without hashing the password, a few per address, then 429 with Retry-After', async () => {
    const prober = at('127.0.0.50');
    const statuses: number[] = [];
    for (let i = 0; i < LIMITS.invitationsPerAddress + 4; i++) {
      statuses.push((await prober.request('POST', `/api/invitations/made-up-${i}/accept`, { name: 'X', password: 'a-long-password' })).status);
    }
    expect(statuses).toEqual([...Array(LIMITS.invitationsPerAddress).fill(404), ...Array(4).fill(429)]);
    const limited = await prober.request('POST', '/api/invitations/made-up/accept', { name: 'X', password: 'a-long-password' });
    expect(limited.headers.get('retry-after')).toBeTruthy();
    // A real link still works from another address.
    const { token } = await t.admin.ok<{ token: string }>('POST', '/api/invitations', { email: `inv-${Date.now()}@example.test` });
    expect((await at('127.0.0.51').request('POST', `/api/invitations/${token}/accept`, { name: 'Invited', password: 'a-long-password' })).status).toBe(204);
  });

  it('a flood of made-up tokens from many addresses costs no password hashing, so sign-ins are not slowed', async () => {
    const { email } = await member('busy');
    // CPU time of this process (the server runs in it), not wall time: a loaded machine
    // stretches the one, not the other.
    const cpuMs = async (work: () => Promise<unknown>) => {
      const before = process.cpuUsage();
      await work();
      const used = process.cpuUsage(before);
      return (used.user + used.system) / 1000;
    };
    const oneSignIn = await cpuMs(() => ApiClient.signIn(t.url, email, PASSWORD));
    let during = 0;
    const flood = await cpuMs(async () => {
      const answers = Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          at(`127.0.1.${(i % 20) + 1}`).request('POST', `/api/invitations/flood-${i}/accept`, { name: 'X', password: 'a-long-password' }),
        ),
      );
      const started = performance.now();
      await ApiClient.signIn(t.url, email, PASSWORD);
      during = performance.now() - started;
      expect((await answers).every((a) => a.status === 404 || a.status === 429)).toBe(true);
    });
    console.info(`CPU: one sign-in ${Math.round(oneSignIn)} ms, 200 made-up links and a sign-in ${Math.round(flood)} ms; the sign-in took ${Math.round(during)} ms`);
    // 200 hashes would cost 200 sign-ins' worth.
    expect(flood).toBeLessThan(20 * oneSignIn);
  }, 60_000);
});

describe('behind a reverse proxy (TRUST_PROXY)', () => {
  const proxied = useTestServer({ trustProxy: 'loopback' });
  const via = (forwardedFor: string) => {
    const client = new AddressedClient(proxied.url, '127.0.0.1');
    return (email: string, password: string) => client.request('POST', '/api/auth/login', { email, password }, { 'x-forwarded-for': forwardedFor });
  };

  it('counts places by the forwarded address, so one client behind the proxy does not slow another', async () => {
    const attacker = via('203.0.113.5');
    const statuses = await Promise.all(Array.from({ length: 11 }, (_, i) => attacker(ADMIN.email, `wrong-${i}`)));
    expect(statuses.filter((r) => r.status === 429).length).toBeGreaterThan(0);
    // Another client, never seen before, through the same proxy.
    expect((await via('198.51.100.7')(ADMIN.email, ADMIN.password)).status).toBe(204);
    const [failure] = (await listAudit(proxied.server.ctx.db.sql, { limit: 50 })).filter((r) => r.action === 'auth.login_failed');
    expect(failure!.ip).toBe('203.0.113.5');
  }, 30_000);
});
