import { describe, expect, it, vi } from 'vitest';
import type { UserDto } from '../../../shared/api/auth.js';
import { ApiClient } from '../test/apiClient.js';
import { useTestServer } from '../test/testServer.js';

// Two admins' requests that each read the other as an admin before either change is written: a
// barrier in `changeUser`'s first read (what a busy server does when both arrive together).
const barrier = vi.hoisted(() => ({ armed: 0, waiting: [] as (() => void)[] }));
vi.mock('../../../db/queries/users.js', async (real) => {
  const actual = await real<typeof import('../../../db/queries/users.js')>();
  return {
    ...actual,
    findUser: async (...args: Parameters<typeof actual.findUser>) => {
      const row = await actual.findUser(...args);
      if (barrier.armed > 0) {
        barrier.armed--;
        await new Promise<void>((resolve) => {
          barrier.waiting.push(resolve);
          if (barrier.armed === 0) for (const go of barrier.waiting.splice(0)) go();
        });
      }
      return row;
    },
  };
});

const t = useTestServer();

describe('two admins taking each other\u2019s rights at the same moment', () => {
  it('leave at least one enabled admin (as the last secretary of a group is kept)', async () => {
    const email = `second-admin-${Math.random().toString(36).slice(2, 8)}@example.test`;
    const { id: secondId } = await t.admin.ok<{ id: string }>('POST', '/api/users', { email, name: 'Second admin', password: 'admin-password-456', isAdmin: true });
    const second = await ApiClient.signIn(t.url, email, 'admin-password-456');
    const users = await t.admin.ok<UserDto[]>('GET', '/api/users');
    const firstId = users.find((u) => u.email === 'admin@example.test')!.id;
    expect(users.filter((u) => u.isAdmin && !u.disabled)).toHaveLength(2);

    barrier.armed = 2;
    const [a, b] = await Promise.all([
      t.admin.request('PATCH', `/api/users/${secondId}`, { isAdmin: false }),
      second.request('PATCH', `/api/users/${firstId}`, { disabled: true }),
    ]);
    // At most one of the two may succeed: otherwise nobody can administer the installation any more.
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect([a, b].find((r) => r.status === 409)!.body).toMatchObject({ error: { code: 'last_admin' } });
    const remaining = a.status === 200 ? t.admin : second;
    expect((await remaining.ok<UserDto[]>('GET', '/api/users')).filter((u) => u.isAdmin && !u.disabled)).toHaveLength(1);
  });
});
