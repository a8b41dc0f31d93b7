import { describe, expect, it } from 'vitest';
import type { AuditEntryDto } from '../../../../shared/api/audit.js';
import { useTestServer } from '../../test/testServer.js';

const t = useTestServer();

describe('GET /api/audit', () => {
  it('pages through the whole log, newest first, and finds what happened to one target or of one kind', async () => {
    // Twelve renamings of three groups: 15 entries (group.create ×3, group.update ×12).
    const groups = await Promise.all([1, 2, 3].map(() => t.admin.createGroup()));
    for (let round = 1; round <= 4; round++) {
      for (const group of groups) await t.admin.ok('PATCH', `/api/groups/${group.id}`, { nameEn: `Renamed ${round}` });
    }
    const audit = (query: string) => t.admin.ok<AuditEntryDto[]>('GET', `/api/audit?${query}`);

    // Page by page, five at a time, until the page is short: every entry once, newest first.
    const seen: AuditEntryDto[] = [];
    for (let page = await audit('limit=5'); ; page = await audit(`limit=5&before=${seen.at(-1)!.id}`)) {
      expect(page.length).toBeLessThanOrEqual(5);
      seen.push(...page);
      if (page.length < 5) break;
    }
    const all = await audit('limit=1000');
    expect(seen.map((e) => e.id)).toEqual(all.map((e) => e.id));
    expect(new Set(seen.map((e) => e.id)).size).toBe(seen.length);
    expect(seen.map((e) => Number(e.id))).toEqual(seen.map((e) => Number(e.id)).sort((a, b) => b - a));
    expect(all.length).toBeGreaterThan(15);

    // One group's story: its creation and its four renamings, newest first.
    const story = await audit(`target=${groups[1]!.id}`);
    expect(story.map((e) => e.action)).toEqual(['group.update', 'group.update', 'group.update', 'group.update', 'group.create']);
    // A family of actions, or one of them.
    const ofGroups = await audit('action=group');
    expect(ofGroups).toHaveLength(15);
    expect(new Set(ofGroups.map((e) => e.action))).toEqual(new Set(['group.create', 'group.update']));
    expect(await audit('action=group.create')).toHaveLength(3);
    expect(await audit(`action=group.update&target=${groups[0]!.id}&limit=2`)).toHaveLength(2);
    expect(await audit('action=group.renamed')).toEqual([]);
  });

  it('answers 400 for a query it cannot read, and 403 for anyone but an admin', async () => {
    for (const query of ['limit=0', 'limit=1001', 'before=abc', 'before=-1', 'before=12345678901234567890', 'action=Group', 'action=a.b.c', 'since=2026-01-01']) {
      const res = await t.admin.request('GET', `/api/audit?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body, query).toMatchObject({ error: { code: expect.any(String) } });
    }
    const group = await t.admin.createGroup();
    const secretary = await t.admin.addMember(group.id, 'secretary');
    expect((await secretary.client.request('GET', '/api/audit')).status).toBe(403);
  });
});
