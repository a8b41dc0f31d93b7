import { describe, expect, it } from 'vitest';
import { SaveCounter, saveState, type ConnectionFacts } from './saveStatus.js';

const base: ConnectionFacts = { connected: true, synced: true, sent: 0, saved: 0, readOnly: false, refused: false };

describe('saveState', () => {
  it('is offline without a connection, whatever the counts', () => {
    expect(saveState({ ...base, connected: false, synced: false, sent: 3, saved: 1 })).toBe('offline');
  });

  it('is saving while connected but not yet synced', () => {
    expect(saveState({ ...base, synced: false })).toBe('saving');
  });

  it('is saving while the server has confirmed fewer messages than were sent', () => {
    expect(saveState({ ...base, sent: 2, saved: 1 })).toBe('saving');
  });

  it('is saved when synced and every sent message is confirmed', () => {
    expect(saveState({ ...base, sent: 2, saved: 2 })).toBe('saved');
    expect(saveState(base)).toBe('saved');
  });

  it('ignores counts for read-only connections (the server never confirms them)', () => {
    expect(saveState({ ...base, readOnly: true, sent: 1, saved: 0 })).toBe('saved');
  });

  it('is an error once the server refused the connection', () => {
    expect(saveState({ ...base, connected: false, refused: true })).toBe('error');
  });
});

describe('SaveCounter', () => {
  it('counts only update-bearing frames of the current socket', () => {
    const counter = new SaveCounter();
    const first = {};
    counter.startSocket(first);
    expect(counter.countSent(first, true)).toBe(true);
    expect(counter.countSent(first, false)).toBe(false);
    expect(counter.sent).toBe(1);

    const second = {};
    counter.startSocket(second);
    expect(counter.sent).toBe(0);
    expect(counter.countSent(first, true)).toBe(false);
    expect(counter.sent).toBe(0);
  });

  it('resets the saved count per socket and never lets it go backwards', () => {
    const counter = new SaveCounter();
    counter.startSocket({});
    counter.setSaved(3);
    counter.setSaved(2);
    expect(counter.saved).toBe(3);
    counter.startSocket({});
    expect(counter.saved).toBe(0);
  });
});
