import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { fuzzSeeds, withSeed, type Random } from '../../../shared/testing/seeds.js';
import { MINUTES_FRAGMENT } from '../../../shared/editor/schema.js';
import { appendParagraph } from '../test/yClient.js';
import { joinLogRuns } from './joinLogRuns.js';

/** The document a log makes when every row is applied by itself, in order. */
function rowByRow(rows: readonly Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  Y.transact(doc, () => rows.forEach((row) => Y.applyUpdate(doc, row)));
  return doc;
}

function joined(rows: readonly Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  Y.transact(doc, () => joinLogRuns(rows).forEach((row) => Y.applyUpdate(doc, row)));
  return doc;
}

/** Same document: same minutes, same map, same state to the byte, nothing left pending. */
function expectSameDocument(actual: Y.Doc, expected: Y.Doc): void {
  expect(actual.getXmlFragment(MINUTES_FRAGMENT).toJSON()).toBe(expected.getXmlFragment(MINUTES_FRAGMENT).toJSON());
  expect(actual.getMap('meta').toJSON()).toEqual(expected.getMap('meta').toJSON());
  expect(Buffer.from(Y.encodeStateAsUpdate(actual)).equals(Buffer.from(Y.encodeStateAsUpdate(expected)))).toBe(true);
  expect(actual.store.pendingStructs).toEqual(expected.store.pendingStructs);
}

const REMOTE = Symbol('remote');

function recording(clientID: number): { doc: Y.Doc; rows: Uint8Array[] } {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  const rows: Uint8Array[] = [];
  // What the person typed; what they received from others is not theirs to send.
  doc.on('update', (update: Uint8Array, origin: unknown) => origin !== REMOTE && rows.push(update));
  return { doc, rows };
}

const WORDS = ['محضر', 'الاجتماع', 'Minutes', 'وزارة الصحة', '🇰🇼', 'é', ' ', '\u200f', 'Ω≈ç'];

/** One random edit of the kind minutes see (typing, deleting, formatting, attributes, blocks). */
function edit(doc: Y.Doc, random: Random): void {
  const fragment = doc.getXmlFragment(MINUTES_FRAGMENT);
  if (fragment.length === 0 || random.chance(0.08)) {
    appendParagraph(doc, random.pick(WORDS), random.pick(['rtl', 'ltr'] as const));
    return;
  }
  const paragraph = fragment.get(random.int(0, fragment.length - 1)) as Y.XmlElement;
  const text = paragraph.get(0) as Y.XmlText;
  const roll = random.next();
  if (roll < 0.55) text.insert(random.int(0, text.length), random.pick(WORDS));
  else if (roll < 0.7 && text.length > 0) {
    const at = random.int(0, text.length - 1);
    text.delete(at, Math.min(random.int(1, 3), text.length - at));
  } else if (roll < 0.78 && text.length > 0) text.format(0, random.int(1, text.length), { bold: random.chance(0.5) ? true : null });
  else if (roll < 0.84) paragraph.setAttribute('dir', random.pick(['rtl', 'ltr']));
  else if (roll < 0.88) text.insertEmbed(random.int(0, text.length), { hardBreak: true });
  else if (roll < 0.94) {
    // Any values of every kind lib0 writes.
    doc.getMap('meta').set(random.pick(['a', 'b', 'c']), random.pick<unknown>([null, true, false, -7, 2 ** 40, 1.5, 'نص', [1, 'x', { k: null }], { nested: { deep: [1.25, 'ب'] } }, new Uint8Array([1, 2, 3])]));
  } else if (roll < 0.97) doc.getMap('meta').delete(random.pick(['a', 'b', 'c']));
  else doc.getArray('files').push([new Uint8Array([random.int(0, 255)])]);
}

describe('joinLogRuns', () => {
  it('joins one person typing into one update per run, which makes the same document', () => {
    const { doc, rows } = recording(7);
    const line = appendParagraph(doc, 'البند الأول: ', 'rtl');
    // Letters of one, two, three and four UTF-8 bytes (an emoji is two UTF-16 units: two clocks).
    for (let k = 0; k < 400; k++) line.insert(line.length, ['ك', ' ', 'é', '€', '🇰🇼', 'x'][k % 6]!);
    const out = joinLogRuns(rows);
    expect(out).toHaveLength(1);
    expectSameDocument(joined(rows), doc);
  });

  it('joins a keystroke log spread over forty lines (the benchmark log), at most 512 rows an update', () => {
    const { doc, rows } = recording(9);
    const lines = Array.from({ length: 40 }, (_, i) => appendParagraph(doc, `سطر ${i}: `, 'rtl'));
    for (let k = rows.length; k < 3_000; k++) lines[k % 40]!.insert(lines[k % 40]!.length, 'ك');
    expect(joinLogRuns(rows)).toHaveLength(Math.ceil(3_000 / 512));
    expectSameDocument(joined(rows), doc);
  });

  it('passes on as they were rows it does not join: two clients in a row, a delete set, a gap, a broken row', () => {
    const { doc, rows } = recording(11);
    const line = appendParagraph(doc, 'abc', 'ltr');
    line.delete(0, 1);
    const deleting = rows[rows.length - 1]!;
    const other = recording(12);
    Y.applyUpdate(other.doc, Y.encodeStateAsUpdate(doc));
    ((other.doc.getXmlFragment(MINUTES_FRAGMENT).get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'و');
    const twoClients = Y.encodeStateAsUpdate(other.doc);
    const broken = deleting.subarray(0, deleting.length - 2);
    for (const row of [deleting, twoClients, broken]) expect(joinLogRuns([row])[0]).toBe(row);
    // A gap in the clocks: each row stays alone.
    line.insert(0, 'x');
    line.insert(0, 'y');
    const [x, y] = rows.slice(-2);
    expect(joinLogRuns([y!, x!])).toEqual([y, x]);
  });

  for (const seed of fuzzSeeds([1, 2, 3, 4, 5, 6, 7, 8])) {
    it(`replays a log of several people editing at once as the rows would, one by one (seed ${seed})`, () =>
      withSeed(seed, (random) => {
        const people = Array.from({ length: random.int(1, 4) }, (_, i) => recording(100 + i));
        /** What each person has sent and the log has not yet received. */
        const outbox = people.map(() => 0);
        const log: Uint8Array[] = [];
        for (let step = 0; step < 600; step++) {
          const i = random.int(0, people.length - 1);
          const person = people[i]!;
          if (random.chance(0.7)) edit(person.doc, random);
          // The server appends what arrives, each person's updates in the order they were sent.
          const j = random.int(0, people.length - 1);
          const arrived = random.int(0, people[j]!.rows.length - outbox[j]!);
          log.push(...people[j]!.rows.slice(outbox[j]!, outbox[j]! + arrived));
          outbox[j]! += arrived;
          // Now and then a person catches up with the log (their edits then build on others').
          if (random.chance(0.2) && log.length > 0) Y.applyUpdate(person.doc, Y.mergeUpdates(log), REMOTE);
          // Now and then the log holds a whole state (a compaction's row, with GC and deleted content).
          if (random.chance(0.01)) log.push(Y.encodeStateAsUpdate(rowByRow(log)));
        }
        people.forEach((person, j) => log.push(...person.rows.slice(outbox[j]!)));
        expect(joinLogRuns(log).length).toBeLessThan(log.length);
        expectSameDocument(joined(log), rowByRow(log));
        // Any prefix too: a follower catching up replays a log cut anywhere.
        const cut = random.int(1, log.length);
        expectSameDocument(joined(log.slice(0, cut)), rowByRow(log.slice(0, cut)));
      }),
    );
  }

  for (const seed of fuzzSeeds([21, 22, 23, 24, 25, 26])) {
    it(`replays people typing at their carets, sometimes at the same place, as the rows would (seed ${seed})`, () =>
      withSeed(seed, (random) => {
        const people = Array.from({ length: random.int(1, 3) }, (_, i) => ({ ...recording(200 + i), line: 0, at: 0 }));
        const outbox = people.map(() => 0);
        const log: Uint8Array[] = [];
        const deliver = (j: number, count: number) => {
          log.push(...people[j]!.rows.slice(outbox[j]!, outbox[j]! + count));
          outbox[j]! += count;
        };
        for (let step = 0; step < 1_000; step++) {
          const person = random.pick(people);
          const fragment = person.doc.getXmlFragment(MINUTES_FRAGMENT);
          if (fragment.length === 0 || random.chance(0.02)) {
            appendParagraph(person.doc, random.pick(WORDS), random.pick(['rtl', 'ltr'] as const));
            person.line = fragment.length - 1;
            person.at = 0;
          }
          person.line = Math.min(person.line, fragment.length - 1);
          const text = (fragment.get(person.line) as Y.XmlElement).get(0) as Y.XmlText;
          person.at = Math.min(person.at, text.length);
          const roll = random.next();
          if (roll < 0.78) {
            // A keystroke at the caret, which moves past it: Arabic, Latin, accents, an emoji.
            const key = random.pick(['ك', 'ت', 'ب', ' ', 'a', 'é', '€', '🇰🇼', '\u200f']);
            text.insert(person.at, key, random.chance(0.1) ? { bold: true } : undefined);
            person.at += key.length;
          } else if (roll < 0.86 && person.at > 0) {
            // Backspace (an emoji's two units at once).
            const width = person.at >= 2 && /[\uDC00-\uDFFF]/.test(text.toString().charAt(person.at - 1)) ? 2 : 1;
            text.delete(person.at - width, width);
            person.at -= width;
          } else if (roll < 0.92) {
            // The caret moves: elsewhere in the line, another line, or to where someone else types.
            const other = random.pick(people);
            person.line = random.chance(0.5) ? other.line : random.int(0, fragment.length - 1);
            person.at = random.chance(0.5) ? other.at : random.int(0, 1_000);
          } else if (roll < 0.95 && text.length > 0) text.format(0, random.int(1, text.length), { bold: random.chance(0.5) ? true : null });
          // The log receives what was sent, each person's rows in order, some late.
          const j = random.int(0, people.length - 1);
          deliver(j, random.int(0, people[j]!.rows.length - outbox[j]!));
          if (random.chance(0.06) && log.length > 0) Y.applyUpdate(person.doc, Y.mergeUpdates(log), REMOTE);
        }
        people.forEach((person, j) => deliver(j, person.rows.length - outbox[j]!));
        expect(joinLogRuns(log).length).toBeLessThan(log.length);
        expectSameDocument(joined(log), rowByRow(log));
        const cut = random.int(1, log.length);
        expectSameDocument(joined(log.slice(0, cut)), rowByRow(log.slice(0, cut)));
      }),
    );
  }
});
