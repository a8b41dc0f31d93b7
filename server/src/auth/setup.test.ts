import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../app.js';
import { ApiClient } from '../test/apiClient.js';
import { createTestDatabase, type TestDatabase } from '../test/testDatabase.js';
import { ADMIN, testConfig } from '../test/testServer.js';

let db: TestDatabase;
let server: RunningServer;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await server?.close();
  await db?.drop();
});

describe('first start', () => {
  it('without ADMIN_EMAIL the first visitor creates the admin once; with it the admin exists and keeps its password', async () => {
    server = await startServer(testConfig(db, { admin: undefined }));
    const visitor = new ApiClient(server.url);
    expect((await visitor.request('GET', '/api/setup')).body).toEqual({ needed: true });
    const created = await visitor.request('POST', '/api/setup', { email: 'Secretariat@Example.test', name: 'الأمانة', password: 'first-admin-password' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: 'secretariat@example.test', isAdmin: true });
    expect((await visitor.request('GET', '/api/me')).status).toBe(200);
    expect((await new ApiClient(server.url).request('GET', '/api/setup')).body).toEqual({ needed: false });
    const again = await new ApiClient(server.url).request('POST', '/api/setup', { email: 'x@example.test', name: 'X', password: 'another-password' });
    expect(again.status).toBe(409);
    await server.close();

    // ADMIN_EMAIL of an existing account leaves its password alone.
    server = await startServer(testConfig(db, { admin: { email: 'secretariat@example.test', password: 'a-different-password', name: 'X' } }));
    expect((await new ApiClient(server.url).request('POST', '/api/auth/login', { email: 'secretariat@example.test', password: 'first-admin-password' })).status).toBe(204);
    await server.close();

    server = await startServer(testConfig(db, { admin: ADMIN }));
    expect((await new ApiClient(server.url).request('POST', '/api/auth/login', { email: ADMIN.email, password: ADMIN.password })).status).toBe(204);
  }, 60_000);

  it('an invitation link is single-use and makes an account with the invited email', async () => {
    const admin = await ApiClient.signIn(server.url, ADMIN.email, ADMIN.password);
    const invitation = await admin.ok<{ token: string; path: string }>('POST', '/api/invitations', { email: 'uk.delegate@example.test' });
    expect(invitation.path).toBe(`/invite/${invitation.token}`);
    const guest = new ApiClient(server.url);
    expect((await guest.request('POST', `/api/invitations/${invitation.token}/accept`, { name: 'UK delegate', password: 'uk-delegate-password' })).status).toBe(204);
    expect((await guest.request('GET', '/api/me')).body).toMatchObject({ email: 'uk.delegate@example.test', isAdmin: false });
    const reuse = await new ApiClient(server.url).request('POST', `/api/invitations/${invitation.token}/accept`, { name: 'Y', password: 'another-password' });
    expect(reuse.status).toBe(404);
  });
});
