import type { APIRequestContext } from '@playwright/test';
import { SESSION_COOKIE } from '../../shared/api/auth.js';
import { appendActionItem, connectYClient } from '../../server/src/test/yClient.js';
import { baseURL } from './api.js';

export interface SeedItem {
  task: string;
  owner: string;
  /** `YYYY-MM-DD` or ''. */
  due?: string;
  status?: 'open' | 'in_progress' | 'done' | 'cancelled';
}

/**
 * Writes action items into a meeting's minutes through the collab websocket, as an editor does
 * (signed in as the API context's user), and waits until the tracker has them.
 */
export async function writeActionItems(api: APIRequestContext, meetingId: string, items: SeedItem[]): Promise<void> {
  const cookie = (await api.storageState()).cookies.find((c) => c.name === SESSION_COOKIE);
  if (!cookie) throw new Error('the API context is not signed in');
  const writer = connectYClient(baseURL(), meetingId, { cookie: `${cookie.name}=${cookie.value}` });
  try {
    const deadline = Date.now() + 20_000;
    while (!writer.provider.synced) {
      if (Date.now() > deadline) throw new Error('the minutes did not sync');
      await new Promise((r) => setTimeout(r, 20));
    }
    for (const item of items) appendActionItem(writer.doc, item.task, item);
    await writer.whenSaved(20_000);
  } finally {
    writer.destroy();
  }
  const deadline = Date.now() + 20_000;
  for (;;) {
    const listed = (await (await api.get(`/api/action-items?meetingId=${meetingId}`)).json()) as unknown[];
    if (listed.length >= items.length) return;
    if (Date.now() > deadline) throw new Error('the action items did not reach the tracker');
    await new Promise((r) => setTimeout(r, 100));
  }
}
