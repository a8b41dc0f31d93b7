import * as Y from 'yjs';
import { quote, type DocumentRules, type NodeRule } from './schemaRules.js';

type Content = Y.Item['content'];

/**
 * Where an item of a Yjs document sits: the type it is content of. An element's depth counts the
 * elements from the fragment down to it (a top-level block is at depth 1).
 */
export type Container =
  | { kind: 'root'; name: string }
  | { kind: 'element'; name: string; depth: number }
  /** A Y.XmlText; `block` is the node name of the element holding it, null if none does. */
  | { kind: 'text'; block: string | null; depth: number }
  /** Any other Yjs type (map, array, plain text, hook): never part of the minutes. */
  | { kind: 'other'; what: string };

/** Content kinds that are never part of the minutes, by class, for messages. */
const CONTENT_NAMES = new Map<unknown, string>([
  [Y.ContentString, 'text'],
  [Y.ContentFormat, 'formatting'],
  [Y.ContentEmbed, 'an embed'],
  [Y.ContentAny, 'a value'],
  [Y.ContentJSON, 'JSON'],
  [Y.ContentBinary, 'binary data'],
  [Y.ContentDoc, 'a subdocument'],
]);

/**
 * Why one item (content at `container`, under the map key `parentSub` or in the list) cannot be
 * part of the minutes, or null if it can. The one rule used on decoded updates before they are
 * applied, on what a transaction integrated, and on whole stored documents.
 */
export function itemProblem(rules: DocumentRules, container: Container, parentSub: string | null, content: Content): string | null {
  // Deleted content is invisible to every reader, whatever it was.
  if (content instanceof Y.ContentDeleted) return null;
  switch (container.kind) {
    case 'root':
      if (container.name !== rules.fragment) return `root type ${quote(container.name)} is not part of the minutes`;
      if (parentSub !== null) return `an attribute on the document (${quote(parentSub)})`;
      return childProblem(rules, rules.top, 0, content);
    case 'element': {
      const rule = rules.node(container.name);
      if (!rule) return `element ${quote(container.name)} is not a node of the minutes`;
      if (parentSub === null) return childProblem(rules, rule, container.depth, content);
      if (!(content instanceof Y.ContentAny) || content.arr.length !== 1) {
        return `attribute ${quote(parentSub)} of '${rule.type.name}' holds ${contentName(content)}`;
      }
      return rules.attributeProblem(rule.type, parentSub, content.arr[0]);
    }
    case 'text': {
      const block = container.block === null ? undefined : rules.node(container.block);
      if (!block?.text) return 'text outside a text block';
      if (parentSub !== null) return `an attribute on text (${quote(parentSub)})`;
      if (content instanceof Y.ContentString) return null;
      if (content instanceof Y.ContentFormat) return rules.formatProblem(block.type, content.key, content.value);
      return `${contentName(content)} inside the text of '${block.type.name}'`;
    }
    case 'other':
      return `content of a ${container.what}, which is not part of the minutes`;
  }
}

/** An item in the list of children of an element (or of the fragment) of `rule` at `depth`. */
function childProblem(rules: DocumentRules, rule: NodeRule, depth: number, content: Content): string | null {
  const where = depth === 0 ? 'the document' : `'${rule.type.name}'`;
  if (!(content instanceof Y.ContentType)) return `${contentName(content)} directly in ${where}`;
  const type = content.type;
  if (type.constructor === Y.XmlElement) {
    const name = (type as Y.XmlElement).nodeName;
    if (!rule.children.has(name)) {
      return rules.node(name) ? `'${name}' is not allowed in ${where}` : `element ${quote(name)} is not a node of the minutes`;
    }
    if (depth + 1 > rules.maxDepth) return `elements nested deeper than ${rules.maxDepth} levels`;
    return null;
  }
  if (type.constructor === Y.XmlText) return rule.text ? null : `text directly in ${where}`;
  return `${typeName(type)} in ${where}`;
}

function contentName(content: Content): string {
  if (content instanceof Y.ContentType) return typeName(content.type);
  return CONTENT_NAMES.get(content.constructor) ?? 'unknown content';
}

/** The kind of a Yjs type, for messages (exact classes: XmlHook is a Map, XmlText a Text). */
export function typeName(type: Y.AbstractType<unknown>): string {
  switch (type.constructor) {
    case Y.XmlElement:
      return `element ${quote((type as Y.XmlElement).nodeName)}`;
    case Y.XmlText:
      return 'a text';
    case Y.XmlFragment:
      return 'an XML fragment';
    case Y.XmlHook:
      return 'an XML hook';
    case Y.Map:
      return 'a map';
    case Y.Array:
      return 'an array';
    case Y.Text:
      return 'a rich text';
    default:
      return 'a shared type';
  }
}
