import { describe, expect, it } from 'vitest';
import type { Logger } from '../logger.js';
import { MemoryDocumentStore } from '../test/memoryDocumentStore.js';
import { waitFor } from '../test/yClient.js';
import { DocumentRegistry } from './documentRegistry.js';

describe('DocumentRegistry: work before an unload', () => {
  it('runs before the document leaves memory; a failing listener is logged and the document unloads all the same', async () => {
    const errors: string[] = [];
    const log: Logger = { info: () => {}, warn: () => {}, error: (event) => void errors.push(event) };
    const registry = new DocumentRegistry({ store: new MemoryDocumentStore({ failAppend: () => false, delay: async () => {} }), log, idleUnloadMs: 10 });
    const order: string[] = [];
    registry.onUnloading(async (meetingId) => {
      // The document is still there to read while this runs.
      order.push(registry.current(meetingId) ? 'before, loaded' : 'before, gone');
    });
    registry.onUnloading(async () => {
      throw new Error('projection failed');
    });
    registry.onUnloaded(() => void order.push('unloaded'));

    await registry.with('meeting-a', () => {});
    await waitFor(() => order.includes('unloaded'), 5000, 'unloaded');
    expect(registry.current('meeting-a')).toBeUndefined();
    expect(order).toEqual(['before, loaded', 'unloaded']);
    expect(errors).toEqual(['collab.before_unload_failed']);
  });
});
