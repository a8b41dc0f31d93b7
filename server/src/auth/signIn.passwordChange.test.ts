import { describe, expect, it, vi } from 'vitest';
import { ApiClient } from '../test/apiClient.js';
import { useTestServer } from '../test/testServer.js';

// A sign-in whose password check (scrypt, tens of milliseconds) is still running when an admin
// sets a new password: the check is held until the change is done.
const hold = vi.hoisted(() => ({ armed: false, checking: () => {}, release: Promise.resolve() }));
vi.mock('../auth/password.js', async (real) => {
  const actual = await real<typeof import('../auth/password.js')>();
  return {
    ...actual,
    verifyPassword: async (...args: Parameters<typeof actual.verifyPassword>) => {
      const ok = await actual.verifyPassword(...args);
      if (hold.armed) {
        hold.armed = false;
        hold.checking();
        await hold.release;
      }
      return ok;
    },
  };
});

const t = useTestServer();

describe('a sign-in with the old password while an admin sets a new one', () => {
  it('does not leave a session that outlives the password change', async () => {
    const email = `victim-${Math.random().toString(36).slice(2, 8)}@example.test`;
    const { id } = await t.admin.ok<{ id: string }>('POST', '/api/users', { email, name: 'Victim', password: 'old-password-123' });

    let release = () => {};
    const checking = new Promise<void>((resolve) => (hold.checking = resolve));
    hold.release = new Promise<void>((resolve) => (release = resolve));
    hold.armed = true;
    const attacker = new ApiClient(t.url);
    const signIn = attacker.request('POST', '/api/auth/login', { email, password: 'old-password-123' });
    await checking;
    // The admin resets the password (the old one leaked): "a new password ends the user's sessions".
    await t.admin.ok('PATCH', `/api/users/${id}`, { password: 'new-password-456' });
    release();

    // The old password bought nothing: refused, and no live session.
    expect((await signIn).status).toBe(401);
    expect((await attacker.request('GET', '/api/me')).status).toBe(401);
    // The new one works.
    expect((await new ApiClient(t.url).request('POST', '/api/auth/login', { email, password: 'new-password-456' })).status).toBe(204);
  });
});
