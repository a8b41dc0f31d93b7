import { describe, expect, it } from 'vitest';
import type { OutstandingInvitationDto } from '../../../shared/api/auth.js';
import { ApiClient } from '../test/apiClient.js';
import { useTestServer } from '../test/testServer.js';

const t = useTestServer();

const unique = (name: string) => `${name}-${Math.random().toString(36).slice(2, 8)}@example.test`;

async function invite(admin: ApiClient, email = unique('invitee'), isAdmin = false) {
  return admin.ok<{ id: string; token: string; email: string }>('POST', '/api/invitations', { email, isAdmin });
}

function accept(token: string) {
  return new ApiClient(t.url).request('POST', `/api/invitations/${token}/accept`, { name: 'Invited', password: 'invited-password' });
}

async function outstanding(admin: ApiClient = t.admin) {
  return admin.ok<OutstandingInvitationDto[]>('GET', '/api/invitations');
}

async function secondAdmin() {
  const email = unique('second-admin');
  const { id } = await t.admin.ok<{ id: string }>('POST', '/api/users', { email, name: 'Second admin', password: 'admin-password-456', isAdmin: true });
  return { id, client: await ApiClient.signIn(t.url, email, 'admin-password-456') };
}

describe('outstanding invitations', () => {
  it('are listed for admins with who made them, until accepted; the link itself is not shown again', async () => {
    const invitation = await invite(t.admin, unique('listed'), true);
    const listed = (await outstanding()).find((i) => i.id === invitation.id);
    expect(listed).toMatchObject({ email: invitation.email, isAdmin: true, createdBy: { name: 'Admin' } });
    expect(JSON.stringify(listed)).not.toContain(invitation.token);

    expect((await accept(invitation.token)).status).toBe(204);
    expect((await outstanding()).map((i) => i.id)).not.toContain(invitation.id);
  });

  it('revoked, stop working at once, and leave an audit entry', async () => {
    const invitation = await invite(t.admin);
    expect((await t.admin.request('DELETE', `/api/invitations/${invitation.id}`)).status).toBe(204);

    const refused = await accept(invitation.token);
    expect(refused.status).toBe(404);
    expect(refused.body).toMatchObject({ error: { code: 'invitation_not_valid' } });
    expect((await outstanding()).map((i) => i.id)).not.toContain(invitation.id);
    // Revoking twice, or revoking an accepted one, says there is nothing to revoke.
    expect((await t.admin.request('DELETE', `/api/invitations/${invitation.id}`)).body).toMatchObject({ error: { code: 'invitation_not_found' } });
    const accepted = await invite(t.admin);
    expect((await accept(accepted.token)).status).toBe(204);
    expect((await t.admin.request('DELETE', `/api/invitations/${accepted.id}`)).status).toBe(404);
    expect((await t.admin.request('DELETE', '/api/invitations/not-an-id')).status).toBe(404);

    const audit = await t.admin.ok<{ action: string; target: string; details: { id?: string } }[]>('GET', '/api/audit');
    expect(audit.find((e) => e.action === 'invitation.revoke' && e.details.id === invitation.id)?.target).toBe(invitation.email);
  });

  it('end with their creator\u2019s admin rights: demoted or disabled, their invitations no longer open an account', async () => {
    const demoted = await secondAdmin();
    const disabled = await secondAdmin();
    const fromDemoted = await invite(demoted.client, unique('from-demoted'), true);
    const fromDisabled = await invite(disabled.client, unique('from-disabled'));
    const fromKept = await invite(t.admin);
    expect((await outstanding()).map((i) => i.id)).toEqual(expect.arrayContaining([fromDemoted.id, fromDisabled.id, fromKept.id]));

    await t.admin.ok('PATCH', `/api/users/${demoted.id}`, { isAdmin: false });
    await t.admin.ok('PATCH', `/api/users/${disabled.id}`, { disabled: true });

    const ids = (await outstanding()).map((i) => i.id);
    expect(ids).not.toContain(fromDemoted.id);
    expect(ids).not.toContain(fromDisabled.id);
    expect((await accept(fromDemoted.token)).status).toBe(404);
    expect((await accept(fromDisabled.token)).status).toBe(404);
    // Nobody was made an admin by the demoted admin's invitation.
    const users = await t.admin.ok<{ email: string }[]>('GET', '/api/users');
    expect(users.map((u) => u.email)).not.toContain(fromDemoted.email);
    // Rights given back do not bring the links back: they were revoked when the rights went.
    await t.admin.ok('PATCH', `/api/users/${demoted.id}`, { isAdmin: true });
    await t.admin.ok('PATCH', `/api/users/${disabled.id}`, { disabled: false });
    expect((await accept(fromDemoted.token)).status).toBe(404);
    expect((await accept(fromDisabled.token)).status).toBe(404);
    const audit = await t.admin.ok<{ action: string; details: { id?: string; reason?: string } }[]>('GET', '/api/audit');
    expect(audit.find((e) => e.action === 'invitation.revoke' && e.details.id === fromDemoted.id)?.details.reason).toBe('maker_lost_rights');
    // Another admin's invitation is untouched.
    expect((await accept(fromKept.token)).status).toBe(204);
  });

  it('that expired are not listed', async () => {
    const invitation = await invite(t.admin);
    await t.server.ctx.db.sql`update invitations set expires_at = now() - interval '1 second' where id = ${invitation.id}`;
    expect((await outstanding()).map((i) => i.id)).not.toContain(invitation.id);
    expect((await t.admin.request('DELETE', `/api/invitations/${invitation.id}`)).status).toBe(404);
  });

  it('are refused for an email that already has an account (409 email_taken); an account made after the link refuses it when accepted', async () => {
    const email = unique('existing');
    await t.admin.ok('POST', '/api/users', { email, name: 'Existing', password: 'existing-password-1' });
    const refused = await t.admin.request<{ error: { code: string } }>('POST', '/api/invitations', { email: email.toUpperCase(), isAdmin: false });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('email_taken');
    expect((await outstanding()).map((i) => i.email)).not.toContain(email);

    const later = unique('later');
    const invitation = await invite(t.admin, later);
    await t.admin.ok('POST', '/api/users', { email: later, name: 'Made by hand', password: 'later-password-12' });
    const accepted = await accept(invitation.token);
    expect(accepted.status).toBe(409);
    expect((accepted.body as { error: { code: string } }).error.code).toBe('email_taken');
  });
});
