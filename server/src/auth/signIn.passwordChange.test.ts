import { describe, expect, it, vi } from 'vitest';
import { ApiClient } from '../test/apiClient.js';
import { holdNext } from '../test/lateAnswers.js';
import { useTestServer } from '../test/testServer.js';

// A sign-in whose password check (scrypt, tens of milliseconds) is still running when an admin
// sets a new password: the check is held until the change is done.
const late = vi.hoisted(() => ({ armed: false as boolean | string, answered: () => {}, release: Promise.resolve() }));
vi.mock('../auth/password.js', async (real) => (await import('../test/lateAnswers.js')).answeringLate(await real(), 'verifyPassword', late));

const t = useTestServer();

describe('a sign-in with the old password while an admin sets a new one', () => {
  it('does not leave a session that outlives the password change', async () => {
    const email = `victim-${Math.random().toString(36).slice(2, 8)}@example.test`;
    const { id } = await t.admin.ok<{ id: string }>('POST', '/api/users', { email, name: 'Victim', password: 'old-password-123' });

    const held = holdNext(late);
    const attacker = new ApiClient(t.url);
    const signIn = attacker.request('POST', '/api/auth/login', { email, password: 'old-password-123' });
    await held.answered;
    // The admin resets the password (the old one leaked): "a new password ends the user's sessions".
    await t.admin.ok('PATCH', `/api/users/${id}`, { password: 'new-password-456' });
    held.release();

    // The old password bought nothing: refused, and no live session.
    expect((await signIn).status).toBe(401);
    expect((await attacker.request('GET', '/api/me')).status).toBe(401);
    // The new one works.
    expect((await new ApiClient(t.url).request('POST', '/api/auth/login', { email, password: 'new-password-456' })).status).toBe(204);
  });
});
