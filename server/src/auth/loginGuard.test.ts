import { describe, expect, it } from 'vitest';
import { DEFAULT_LOGIN_LIMITS, LoginGuard, type LimitChange, type LoginAttempt } from './loginGuard.js';

const settings = { ...DEFAULT_LOGIN_LIMITS, perAccountAndPlace: 3, perAccount: 5, perAddress: 6 };
const from = (address: string, email = 'victim@example.test', known = false): LoginAttempt => ({ email, address, place: `ip:${address}`, known });

/** Fails `n` attempts; returns how many were admitted. */
function fail(guard: LoginGuard, attempt: LoginAttempt, n: number, now = 0): number {
  let admitted = 0;
  for (let i = 0; i < n; i++) {
    const a = guard.admit(attempt, now);
    if (!a.ok) continue;
    admitted++;
    guard.settle(a.ticket, false, now);
  }
  return admitted;
}

describe('LoginGuard', () => {
  it('admits at most the free attempts of concurrent guesses (reserved before the hash)', () => {
    const guard = new LoginGuard(settings);
    const results = Array.from({ length: 100 }, () => guard.admit(from('10.0.0.1'), 0));
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    expect(results.find((r) => !r.ok)).toMatchObject({ scope: 'place', waitMs: 1000 });
  });

  it('does not slow a place the account signed in from when attackers elsewhere used up the account', () => {
    const guard = new LoginGuard(settings);
    for (const attacker of ['10.0.0.1', '10.0.0.2', '10.0.0.3']) fail(guard, from(attacker), 3);
    expect(guard.admit(from('10.0.0.9'), 0)).toMatchObject({ ok: false, scope: 'account' });
    expect(guard.admit(from('192.168.1.5', undefined, true), 0)).toMatchObject({ ok: true });
    expect(guard.admit({ ...from('10.0.0.9', undefined, true), place: 'device:abc' }, 0)).toMatchObject({ ok: true });
  });

  it('gives an address over its limit one try per account, so a neighbour behind it still gets in', () => {
    const guard = new LoginGuard(settings);
    for (let i = 0; i < 6; i++) fail(guard, from('10.0.0.1', `user${i}@example.test`), 1);
    const neighbour = guard.admit(from('10.0.0.1', 'neighbour@example.test'), 0);
    expect(neighbour.ok).toBe(true);
    if (neighbour.ok) guard.settle(neighbour.ticket, true, 0);
    // The sprayer's second guess at an account it already tried waits.
    expect(guard.admit(from('10.0.0.1', 'user0@example.test'), 0)).toMatchObject({ ok: false, scope: 'address' });
  });

  it('a success clears its place and takes back its reservations; it reports when a limit starts', () => {
    const guard = new LoginGuard(settings);
    const attempts = [1, 2].map(() => guard.admit(from('10.0.0.1'), 0));
    const third = guard.admit(from('10.0.0.1'), 0);
    for (const a of attempts) if (a.ok) expect(guard.settle(a.ticket, false, 0)).toEqual([]);
    expect(third.ok && guard.settle(third.ticket, false, 0)).toEqual(['place']);
    expect(guard.admit(from('10.0.0.1'), 0).ok).toBe(false);
    const later = guard.admit(from('10.0.0.1'), 1000);
    expect(later.ok).toBe(true);
    if (later.ok) guard.settle(later.ticket, true, 1000);
    expect(guard.placeWaitMs('victim@example.test', 'ip:10.0.0.1', 1000)).toBe(0);
  });

  it('limits made-up invitation tokens per address; a valid one is not counted', () => {
    const guard = new LoginGuard({ ...settings, invitationsPerAddress: 2 });
    expect(guard.admitInvitation('10.0.0.1', 0)).toBe(0);
    guard.invitationChecked('10.0.0.1', true, 0);
    for (let i = 0; i < 2; i++) {
      expect(guard.admitInvitation('10.0.0.1', 0)).toBe(0);
      guard.invitationChecked('10.0.0.1', false, 0);
    }
    expect(guard.admitInvitation('10.0.0.1', 0)).toBe(1000);
    expect(guard.admitInvitation('10.0.0.2', 0)).toBe(0);
  });

  it('counts what other server processes settled, as if checked here (cluster/clusterLoginLimits.ts)', () => {
    const here = new LoginGuard(settings);
    const elsewhere = new LoginGuard(settings);
    const sent: LimitChange[][] = [];
    elsewhere.onChanges((changes) => sent.push(changes));
    // Three failures on the other process (an unknown place: account and address count too).
    expect(fail(elsewhere, from('10.0.0.1'), 3)).toBe(3);
    expect(sent[0]).toEqual([
      { limit: 'place', key: 'victim@example.test\nip:10.0.0.1', failed: true },
      { limit: 'account', key: 'victim@example.test', failed: true },
      { limit: 'address', key: '10.0.0.1', failed: true },
    ]);
    for (const change of sent.flat()) here.applyElsewhere(change, 0);
    expect(here.admit(from('10.0.0.1'), 0)).toMatchObject({ ok: false, scope: 'place', waitMs: 1000 });
    // A success there clears the place here as well; its reservations elsewhere are not news.
    sent.length = 0;
    const success = elsewhere.admit(from('10.0.0.1'), 1000);
    expect(success.ok && elsewhere.settle(success.ticket, true, 1000)).toEqual([]);
    expect(sent).toEqual([[{ limit: 'place', key: 'victim@example.test\nip:10.0.0.1', failed: false }]]);
    here.applyElsewhere(sent[0]![0]!, 1000);
    expect(here.placeWaitMs('victim@example.test', 'ip:10.0.0.1', 1000)).toBe(0);
    // Made-up invitation links too; a valid one sends nothing.
    sent.length = 0;
    elsewhere.invitationChecked('10.0.0.2', true, 0);
    expect(sent).toEqual([]);
    const strict = new LoginGuard({ ...settings, invitationsPerAddress: 1 });
    strict.applyElsewhere({ limit: 'invitation', key: '10.0.0.2', failed: true }, 0);
    expect(strict.admitInvitation('10.0.0.2', 0)).toBe(1000);
  });
});
