import { describe, expect, it } from 'vitest';
import { useTestServer } from '../test/testServer.js';

const t = useTestServer();

describe("a new user's interface language", () => {
  it("follows the browser's Accept-Language until they choose one, then stays their choice", async () => {
    const group = await t.admin.createGroup();
    const { client } = await t.admin.addMember(group.id, 'delegate', 'Newcomer');
    const me = (acceptLanguage: string) => client.request('GET', '/api/me', undefined, { 'accept-language': acceptLanguage });
    expect((await me('en-GB,en;q=0.9')).body).toMatchObject({ locale: 'en', localeChosen: false });
    expect((await me('ar-KW,ar;q=0.9')).body).toMatchObject({ locale: 'ar', localeChosen: false });

    expect((await client.request('PUT', '/api/me/preferences', { locale: 'ar' }, { 'accept-language': 'en-GB' })).body).toMatchObject({ locale: 'ar', localeChosen: true });
    expect((await me('en-GB,en;q=0.9')).body).toMatchObject({ locale: 'ar', localeChosen: true });
  });

  it('writes the CSV of the tracker in the language the browser asks for, until one is chosen', async () => {
    const group = await t.admin.createGroup();
    const { client } = await t.admin.addMember(group.id, 'observer', 'Reader');
    const csv = async (acceptLanguage: string) => (await client.request<string>('GET', '/api/action-items.csv', undefined, { 'accept-language': acceptLanguage })).body;
    expect((await csv('en-US')).split('\r\n')[0]).toMatch(/^\uFEFF?[A-Za-z]/);
    expect((await csv('ar')).split('\r\n')[0]).toMatch(/^\uFEFF?[\u0600-\u06FF]/);
  });
});
