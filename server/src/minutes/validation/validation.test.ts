import { getSchema, Node } from '@tiptap/core';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { expectValue } from '../../../../shared/editor/attributeChecks.js';
import { minutesExtensions } from '../../../../shared/editor/extensions.js';
import { checkedChange } from '../../collab/schemaGuard.js';
import { baseMinutes, HOSTILE_EDITS, VALID_EDITS } from '../../test/hostileEdits.js';
import { initialMinutesUpdate } from '../initialState.js';
import { minutesJSON, minutesText } from '../readMinutes.js';
import { validateDocument } from './documentCheck.js';
import { documentRules, minutesRules } from './schemaRules.js';
import { checkUpdate } from './updateCheck.js';

const base = initialMinutesUpdate(baseMinutes());

function docOf(...updates: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  return doc;
}

/** The update a client holding the base document sends for `edit`. */
function updateOf(edit: (doc: Y.Doc) => void): Uint8Array {
  const client = docOf(base);
  const before = Y.encodeStateVector(client);
  edit(client);
  return Y.encodeStateAsUpdate(client, before);
}

describe('an update that does not leave valid minutes', () => {
  it.each(HOSTILE_EDITS)('$name: is refused before it is applied, and would be caught after', ({ edit, says }) => {
    const update = updateOf(edit);
    const server = docOf(base);
    const verdict = checkUpdate(server, update);
    expect(verdict.ok).toBe(false);
    expect(verdict.ok ? '' : verdict.problem.message).toContain(says);

    // Had it been applied, the check of what the transaction integrated finds it too, and so
    // does the check of the whole document.
    const applied = docOf(base);
    expect(checkedChange(applied, () => Y.applyUpdate(applied, update), minutesRules())?.message).toContain(says);
    expect(validateDocument(applied)?.message).toContain(says);
  });
});

describe('an update that leaves valid minutes', () => {
  it.each(VALID_EDITS)('$name: is accepted, and the minutes read', ({ edit }) => {
    const update = updateOf(edit);
    const server = docOf(base);
    expect(checkUpdate(server, update)).toEqual({ ok: true, unjudged: 0 });
    expect(checkedChange(server, () => Y.applyUpdate(server, update), minutesRules())).toBeNull();
    expect(validateDocument(server)).toBeNull();
    expect(minutesJSON(server).type).toBe('doc');
  });

  it('resent whole (a sync step 2 after reconnecting) is accepted: what the document has is skipped', () => {
    const client = docOf(base);
    VALID_EDITS[0]!.edit(client);
    const server = docOf(Y.encodeStateAsUpdate(client));
    expect(checkUpdate(server, Y.encodeStateAsUpdate(client))).toEqual({ ok: true, unjudged: 0 });
  });

  it('is judged once what it depends on is there: an item placed after a missing one is not judged alone', () => {
    const client = docOf(base);
    const before = Y.encodeStateVector(client);
    const fragment = client.getXmlFragment('default');
    fragment.push([new Y.XmlElement('paragraph')]);
    const first = Y.encodeStateAsUpdate(client, before);
    const middle = Y.encodeStateVector(client);
    // Inserted after the new paragraph: Yjs places it by that left neighbour.
    fragment.push(['evil' as never]);
    const second = Y.encodeStateAsUpdate(client, middle);
    const server = docOf(base);
    expect(checkUpdate(server, second)).toEqual({ ok: true, unjudged: 1 });
    const verdict = checkUpdate(server, Y.mergeUpdates([first, second]));
    expect(verdict.ok ? '' : verdict.problem.message).toBe('a value directly in the document');
  });
});

describe('the rules', () => {
  it('come from the schema: a node type added to the extension list is validated without a change', () => {
    const Callout = Node.create({
      name: 'callout',
      group: 'block',
      content: 'paragraph+',
      addAttributes: () => ({ tone: { default: 'info', validate: expectValue('info or warning', (v) => v === 'info' || v === 'warning') } }),
    });
    const rules = documentRules(getSchema([...minutesExtensions(), Callout]));
    const check = (edit: (fragment: Y.XmlFragment) => void) => {
      const doc = new Y.Doc();
      edit(doc.getXmlFragment('default'));
      const verdict = checkUpdate(new Y.Doc(), Y.encodeStateAsUpdate(doc), rules);
      return verdict.ok ? null : verdict.problem.message;
    };
    const callout = (tone: string, child: Y.XmlElement | Y.XmlText) => {
      const element = new Y.XmlElement('callout');
      element.setAttribute('tone', tone);
      element.insert(0, [child]);
      return element;
    };
    expect(check((f) => f.insert(0, [callout('warning', new Y.XmlElement('paragraph'))]))).toBeNull();
    expect(check((f) => f.insert(0, [callout('info', new Y.XmlText('x'))]))).toBe("text directly in 'callout'");
    expect(check((f) => f.insert(0, [callout('loud', new Y.XmlElement('paragraph'))]))).toBe("attribute 'tone' of 'callout': expected info or warning, got 'loud'");
    // The shared list itself does not know it.
    expect(checkUpdate(new Y.Doc(), updateOfFragment((f) => f.insert(0, [new Y.XmlElement('callout')])))).toMatchObject({ ok: false });
  });

  it('leave text readers with what they expect', () => {
    const doc = docOf(base);
    expect(validateDocument(doc)).toBeNull();
    expect(minutesText(doc).split('\n')).toEqual(['الحضور', 'نص عريض', 'و سطر', 'بند', 'إعداد الخطة']);
  });
});

function updateOfFragment(edit: (fragment: Y.XmlFragment) => void): Uint8Array {
  const doc = new Y.Doc();
  edit(doc.getXmlFragment('default'));
  return Y.encodeStateAsUpdate(doc);
}
