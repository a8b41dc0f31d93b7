import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { holdsNothingNew } from './nothingNew.js';

/** The server's doc, with text typed and partly deleted in several places, and a client in sync with it. */
function synced(): { server: Y.Doc; client: Y.Doc } {
  const server = new Y.Doc();
  const text = server.getText('t');
  text.insert(0, 'وافق الجانبان على خطة التدريب');
  text.delete(2, 3);
  text.insert(text.length, ' للعام القادم');
  text.delete(10, 4);
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  return { server, client };
}

const step2 = (from: Y.Doc, to: Y.Doc) => Y.encodeStateAsUpdate(from, Y.encodeStateVector(to));

describe('holdsNothingNew', () => {
  it('is true of a synced client’s sync step 2, which carries its whole delete set', () => {
    const { server, client } = synced();
    const answer = step2(client, server);
    expect(Y.decodeUpdate(answer).ds.clients.size).toBeGreaterThan(0);
    expect(holdsNothingNew(server, answer)).toBe(true);
    expect(holdsNothingNew(server, step2(new Y.Doc(), server))).toBe(true);
  });

  it('is false of a client’s new text, a new deletion, or a deletion reaching past the server’s', () => {
    for (const edit of [
      (t: Y.Text) => t.insert(0, 'x'),
      (t: Y.Text) => t.delete(0, 1),
      (t: Y.Text) => t.delete(t.length - 1, 1),
    ]) {
      const { server, client } = synced();
      edit(client.getText('t'));
      expect(holdsNothingNew(server, step2(client, server))).toBe(false);
    }
  });
});
