import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { MINUTES_FRAGMENT, minutesSchema } from '../../../shared/editor/schema.js';
import { actionItem, bulletList, doc as minutes, hardBreak, heading, paragraph, text } from '../export/pdf/fixtures/sampleMinutes.js';
import { writeUpdate, type Struct } from '../test/fuzz/updateWriter.js';
import { MAX_NESTING, updateShapeProblem as problemOf } from './updateShape.js';

const updateShapeProblem = (update: Uint8Array, doc: Y.Doc) => problemOf(Y.decodeUpdate(update).structs, doc);

/** A server doc holding real editor output, and a client copy of it writing under `clientId`. */
function setup() {
  const server = new Y.Doc();
  const json = minutes(
    heading(1, 'محضر الاجتماع السادس عشر'),
    paragraph(text('Opening ', 'bold'), text('remarks', 'italic', 'underline'), hardBreak(), 'second line'),
    bulletList('first', [paragraph('nested:'), bulletList('deeper', [paragraph('more'), bulletList('deepest')])]),
    actionItem('Prepare the draft', 'UK delegation', '2026-12-20', 'in_progress'),
  );
  prosemirrorJSONToYXmlFragment(minutesSchema(), json, server.getXmlFragment(MINUTES_FRAGMENT));
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  return { server, client, fragment: client.getXmlFragment(MINUTES_FRAGMENT) };
}

function edit(server: Y.Doc, client: Y.Doc, change: () => void): Uint8Array {
  const before = Y.encodeStateVector(server);
  client.transact(change);
  return Y.encodeStateAsUpdate(client, before);
}

describe('the shape of what peers may add to the minutes', () => {
  it("accepts what the editor writes: the template's nodes, typing, marks, attributes, deletions", () => {
    const { server, client, fragment } = setup();
    expect(updateShapeProblem(Y.encodeStateAsUpdate(server), new Y.Doc())).toBeNull();
    const heading = fragment.get(0) as Y.XmlElement;
    const title = heading.get(0) as Y.XmlText;
    const updates = [
      edit(server, client, () => title.insert(title.length, ' — نص إضافي', { bold: {} })),
      edit(server, client, () => title.format(0, 4, { italic: {} })),
      edit(server, client, () => heading.setAttribute('dir', 'rtl')),
      edit(server, client, () => title.delete(0, 3)),
      edit(server, client, () => fragment.delete(1, 1)),
      edit(server, client, () => {
        const p = new Y.XmlElement('paragraph');
        p.insert(0, [new Y.XmlText('new paragraph')]);
        fragment.insert(1, [p]);
      }),
    ];
    for (const update of updates) {
      expect(updateShapeProblem(update, server)).toBeNull();
      Y.applyUpdate(server, update);
    }
  });

  it.each([
    ['a string straight in the minutes root', [{ content: { ref: 4, text: 'x' } }], /ContentString inside the minutes root/],
    ['a text straight in the minutes root', [{ content: { ref: 7, type: 6 } }], /YXmlText inside the minutes root/],
    ['another root type', [{ parent: { root: 'other' }, content: { ref: 7, type: 3, name: 'paragraph' } }], /root type other than/],
    ['a map in the minutes', [{ content: { ref: 7, type: 1 } }], /YMap inside/],
    ['a sub-document', [{ content: { ref: 9, guid: 'x', opts: {} } }], /ContentDoc inside/],
    ['binary content', [{ content: { ref: 3, binary: new Uint8Array([1]) } }], /ContentBinary inside/],
    ['an attribute on the minutes root', [{ parentSub: 'dir', content: { ref: 8, any: ['rtl'] } }], /attributes on the minutes root/],
  ] as const)('refuses %s', (_what, structs, problem) => {
    const { server } = setup();
    const update = writeUpdate([{ client: 42, clock: 0, structs: structs as unknown as Struct[] }]);
    expect(updateShapeProblem(update, server)).toMatch(problem);
  });

  it('refuses an item placed inside a string, and an element inside a text', () => {
    const { server, fragment } = setup();
    const title = (fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    const stringItem = title._start!.id;
    const insideString = writeUpdate([{ client: 42, clock: 0, structs: [{ parent: { item: stringItem }, content: { ref: 4, text: 'x' } }] }]);
    expect(updateShapeProblem(insideString, server)).toMatch(/an item inside ContentString/);
    const textItem = title._item!.id;
    const elementInText = writeUpdate([{ client: 42, clock: 0, structs: [{ parent: { item: textItem }, content: { ref: 7, type: 3, name: 'paragraph' } }] }]);
    expect(updateShapeProblem(elementInText, server)).toMatch(/YXmlElement inside a text/);
  });

  it('refuses left and right neighbours in different places (it would corrupt both lists)', () => {
    const { server, fragment } = setup();
    const title = (fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    const heading = fragment.get(0) as Y.XmlElement;
    const update = writeUpdate([
      { client: 42, clock: 0, structs: [{ origin: title._start!.id, rightOrigin: heading._item!.id, content: { ref: 4, text: 'x' } }] },
    ]);
    expect(updateShapeProblem(update, server)).toBe('left and right neighbours in different places');
  });

  it(`refuses nesting deeper than ${MAX_NESTING}, however long the chain (no recursion)`, () => {
    const { server } = setup();
    const chain = (n: number) =>
      writeUpdate([
        {
          client: 42,
          clock: 0,
          structs: Array.from({ length: n }, (_, i): Struct => ({
            parent: i === 0 ? { root: MINUTES_FRAGMENT } : { item: { client: 42, clock: i - 1 } },
            content: { ref: 7, type: 3, name: 'bulletList' },
          })),
        },
      ]);
    expect(updateShapeProblem(chain(MAX_NESTING), server)).toBeNull();
    expect(updateShapeProblem(chain(MAX_NESTING + 1), server)).toBe(`nested deeper than ${MAX_NESTING}`);
    expect(updateShapeProblem(chain(50_000), server)).toBe(`nested deeper than ${MAX_NESTING}`);
  });

  it('leaves content whose parent is not known yet to be judged when it is retried', () => {
    const { server } = setup();
    const orphan = writeUpdate([{ client: 42, clock: 0, structs: [{ parent: { item: { client: 999, clock: 5 } }, content: { ref: 4, text: 'x' } }] }]);
    expect(updateShapeProblem(orphan, server)).toBeNull();
  });

  it('is fast on a large document', () => {
    const { server, client, fragment } = setup();
    for (let i = 0; i < 2000; i++) {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText(`paragraph ${i} `.repeat(20))]);
      fragment.push([p]);
    }
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
    const last = (fragment.get(fragment.length - 1) as Y.XmlElement).get(0) as Y.XmlText;
    const keystroke = edit(server, client, () => last.insert(5, 'k'));
    const start = performance.now();
    for (let i = 0; i < 100; i++) updateShapeProblem(keystroke, server);
    expect((performance.now() - start) / 100).toBeLessThan(1);
  });
});
