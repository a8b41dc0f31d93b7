import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import { MemoryDocumentStore } from '../test/memoryDocumentStore.js';
import { appendParagraph } from '../test/yClient.js';
import { MINUTES_FRAGMENT } from '../../../shared/editor/schema.js';
import { LiveDocument } from './liveDocument.js';

const MEETING = '00000000-0000-4000-8000-000000000001';

describe('a long uncompacted log', () => {
  it('of 20,000 keystrokes in 40 lines loads as the document they make, in seconds', async () => {
    const store = new MemoryDocumentStore({ failAppend: () => false, delay: async () => {} });
    const typed = new Y.Doc();
    const rows: Uint8Array[] = [];
    typed.on('update', (update: Uint8Array) => rows.push(update));
    const lines = Array.from({ length: 40 }, (_, i) => appendParagraph(typed, `سطر ${i}: `, 'rtl'));
    for (let k = rows.length; k < 20_000; k++) lines[k % 40]!.insert(lines[k % 40]!.length, k % 6 === 5 ? ' ' : 'ك');
    for (const row of rows) await store.append(MEETING, row);

    const started = performance.now();
    const live = await LiveDocument.load(MEETING, store, createLogger('silent'));
    // Merging the rows with Y.mergeUpdates took 142 s on this machine; applying them, well under one.
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(live.doc.getXmlFragment(MINUTES_FRAGMENT).toString()).toBe(typed.getXmlFragment(MINUTES_FRAGMENT).toString());
    live.doc.destroy();
  }, 60_000);
});
