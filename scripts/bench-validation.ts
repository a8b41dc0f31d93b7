/**
 * Cost of validating updates: `npm run bench:validation -- [keystrokes]` (default 2000).
 *
 * On ~50 pages of Arabic minutes (the PDF fixture, as the editor writes them to Yjs), a client
 * types one character per update at random places, as in the editor. For each update it times
 * applying it with Yjs alone and applying it through the collab pipeline's guard (check of the
 * decoded update before, check of what the transaction integrated after), and prints the
 * medians, p99 and the difference per update. Also: one pasted page, and validating the whole
 * document (what a load costs, and each REST/PDF read). Last, the commit pipeline's batches: 200
 * clients in a document, batches of 5 keystrokes from 5 of them, applied through the guard in one
 * transaction per keystroke (as the pipeline did until it made one per batch) and in one per
 * batch (GuardedBatch, as it does).
 */
import * as Y from 'yjs';
import { GuardedBatch } from '../server/src/collab/schemaGuard.js';
import { longArabicMinutes } from '../server/src/export/pdf/fixtures/sampleMinutes.js';
import { initialMinutesUpdate } from '../server/src/minutes/initialState.js';
import { validateDocument } from '../server/src/minutes/validation/documentCheck.js';
import { minutesRules } from '../server/src/minutes/validation/schemaRules.js';
import { seededRandom } from '../shared/testing/seeds.js';

/** Applies `updates` through the guard in one transaction; throws if any is refused or invalid. */
function applyGuarded(doc: Y.Doc, updates: Uint8Array[]): void {
  const guard = new GuardedBatch<number>(doc, rules);
  const problem = guard.run(() => {
    for (const update of updates) {
      const refused = guard.apply(0, update, false);
      if (refused) throw new Error(`refused: ${refused.message}`);
    }
  }, null);
  if (problem) throw new Error(`not valid minutes: ${problem.message}`);
}

const keystrokes = Math.max(100, Number(process.argv[2] ?? 2000) || 2000);
const random = seededRandom(14);
const rules = minutesRules();
const state = initialMinutesUpdate(longArabicMinutes(46));

const typist = new Y.Doc();
Y.applyUpdate(typist, state);
const plain = new Y.Doc();
Y.applyUpdate(plain, state);
const guarded = new Y.Doc();
Y.applyUpdate(guarded, state);
const texts: Y.XmlText[] = [];
for (const node of typist.getXmlFragment('default').createTreeWalker((t) => t instanceof Y.XmlText)) texts.push(node as Y.XmlText);

const plainTimes: number[] = [];
const guardedTimes: number[] = [];
for (let i = 0; i < keystrokes; i++) {
  const before = Y.encodeStateVector(typist);
  const text = random.pick(texts);
  text.insert(random.int(0, text.length), random.chance(0.2) ? ' ' : 'ك', random.chance(0.1) ? { bold: {} } : undefined);
  const update = Y.encodeStateAsUpdate(typist, before);
  let t = performance.now();
  Y.applyUpdate(plain, update);
  plainTimes.push(performance.now() - t);
  t = performance.now();
  applyGuarded(guarded, [update]);
  guardedTimes.push(performance.now() - t);
}

const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * q))]!;
const us = (ms: number) => `${(ms * 1000).toFixed(1)} µs`;
// The first tenth warms the JIT up.
const warm = (values: number[]) => values.slice(Math.floor(values.length / 10));
const [p, g] = [warm(plainTimes), warm(guardedTimes)];
console.log(`~50 pages (${Y.encodeStateAsUpdate(guarded).byteLength} bytes of Yjs state), ${keystrokes} keystrokes at random places`);
console.log(`apply alone:         median ${us(quantile(p, 0.5))}, p99 ${us(quantile(p, 0.99))}`);
console.log(`apply with the guard: median ${us(quantile(g, 0.5))}, p99 ${us(quantile(g, 0.99))}`);
console.log(`validation per keystroke: median ${us(quantile(g, 0.5) - quantile(p, 0.5))}`);

const page = new Y.Doc();
Y.applyUpdate(page, Y.encodeStateAsUpdate(guarded));
const beforePaste = Y.encodeStateVector(page);
Y.applyUpdate(page, initialMinutesUpdate(longArabicMinutes(1)));
const paste = Y.encodeStateAsUpdate(page, beforePaste);
let t = performance.now();
applyGuarded(guarded, [paste]);
console.log(`one pasted page (${paste.byteLength} bytes) with the guard: ${(performance.now() - t).toFixed(2)} ms`);

const whole: number[] = [];
for (let i = 0; i < 20; i++) {
  t = performance.now();
  if (validateDocument(guarded, rules)) throw new Error('the fixture is not valid minutes');
  whole.push(performance.now() - t);
}
console.log(`whole document (load, each REST/PDF read): median ${quantile(whole, 0.5).toFixed(2)} ms`);

// The pipeline's batches: two hundred clients, each typing into its own paragraph.
const CLIENTS = 200;
const PER_BATCH = 5;
const BATCHES = Math.max(200, Math.floor(keystrokes / PER_BATCH));
const origin = new Y.Doc();
Y.applyUpdate(origin, initialMinutesUpdate(longArabicMinutes(1)));
const clients: { doc: Y.Doc; text: Y.XmlText }[] = [];
for (let i = 0; i < CLIENTS; i++) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(origin));
  const paragraph = new Y.XmlElement('paragraph');
  const text = new Y.XmlText();
  paragraph.insert(0, [text]);
  doc.getXmlFragment('default').push([paragraph]);
  Y.applyUpdate(origin, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(origin)));
  clients.push({ doc, text });
}
const batches = Array.from({ length: BATCHES }, () =>
  Array.from({ length: PER_BATCH }, () => {
    const { doc, text } = random.pick(clients);
    const before = Y.encodeStateVector(doc);
    text.insert(text.length, 'ك');
    return Y.encodeStateAsUpdate(doc, before);
  }),
);
const perUpdate = new Y.Doc();
const perBatch = new Y.Doc();
for (const doc of [perUpdate, perBatch]) Y.applyUpdate(doc, Y.encodeStateAsUpdate(origin));
const perUpdateTimes: number[] = [];
const perBatchTimes: number[] = [];
for (const batch of batches) {
  t = performance.now();
  for (const update of batch) applyGuarded(perUpdate, [update]);
  perUpdateTimes.push(performance.now() - t);
  t = performance.now();
  applyGuarded(perBatch, batch);
  perBatchTimes.push(performance.now() - t);
}
if (perUpdate.getXmlFragment('default').toString() !== perBatch.getXmlFragment('default').toString()) throw new Error('the two ways of applying differ');
const [u, b] = [warm(perUpdateTimes), warm(perBatchTimes)];
console.log(`${CLIENTS} clients, batches of ${PER_BATCH} keystrokes: one transaction per keystroke median ${us(quantile(u, 0.5))}, per batch median ${us(quantile(b, 0.5))} (÷ ${(quantile(u, 0.5) / quantile(b, 0.5)).toFixed(1)})`);
