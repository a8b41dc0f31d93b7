import type { AttributeSpec, ContentMatch, MarkType, NodeType, Schema } from '@tiptap/pm/model';
import { MAX_NESTING_DEPTH } from '../../../../shared/editor/limits.js';
import { MINUTES_FRAGMENT, minutesSchema } from '../../../../shared/editor/schema.js';

/** What may be inside an element (or the fragment) of one node type. */
export interface NodeRule {
  readonly type: NodeType;
  /** Names of the element node types its content expression admits, anywhere in it. */
  readonly children: ReadonlySet<string>;
  /** Whether its content expression admits text (a Y.XmlText child). */
  readonly text: boolean;
}

/**
 * The rules a stored minutes document must follow, derived from the ProseMirror schema of the
 * shared extension list: a node type, mark or attribute added there is validated without a
 * change here. What is checked is what holds for every single item of a Yjs document whatever
 * concurrent edits do to it (allowed child types, attribute values, marks, nesting depth);
 * order and counts of children (`listItem` starts with a paragraph, `block+`) are not, because
 * two valid concurrent edits can merge into a tree that breaks them, and readers cope.
 */
export interface DocumentRules {
  readonly schema: Schema;
  /** Name of the one root type (the XmlFragment) of the document. */
  readonly fragment: string;
  /** Most elements nested in one another (a top-level block is at depth 1). */
  readonly maxDepth: number;
  /** The rule of the fragment itself (the schema's top node). */
  readonly top: NodeRule;
  /** The rule of an element node type by name; undefined for names that are no such type. */
  node(name: string): NodeRule | undefined;
  /** Why this value is not valid for the attribute `key` of `type`, or null if it is. */
  attributeProblem(type: NodeType, key: string, value: unknown): string | null;
  /** Why this Y.Text format (mark name, mark attributes) is not valid inside a `block`, or null. */
  formatProblem(block: NodeType, key: string, value: unknown): string | null;
}

export function documentRules(schema: Schema, options: { fragment?: string; maxDepth?: number } = {}): DocumentRules {
  const rules = new Map<string, NodeRule>();
  for (const type of Object.values(schema.nodes)) {
    if (type.isText) continue;
    const reachable = typesIn(type.contentMatch);
    rules.set(type.name, {
      type,
      children: new Set([...reachable].filter((t) => !t.isText).map((t) => t.name)),
      text: [...reachable].some((t) => t.isText),
    });
  }
  const top = rules.get(schema.topNodeType.name)!;
  return {
    schema,
    fragment: options.fragment ?? MINUTES_FRAGMENT,
    maxDepth: options.maxDepth ?? MAX_NESTING_DEPTH,
    top,
    node: (name) => (name === top.type.name ? undefined : rules.get(name)),
    attributeProblem(type, key, value) {
      const attr = attributeSpec(type.spec.attrs, key);
      if (!attr) return `'${type.name}' has no attribute ${quote(key)}`;
      const problem = valueProblem(attr, value);
      return problem && `attribute '${key}' of '${type.name}': ${problem}`;
    },
    formatProblem(block, key, value) {
      const mark = markOf(schema, key);
      if (!mark) return `${quote(key)} is not a mark of the minutes`;
      if (!block.allowsMarkType(mark)) return `mark '${mark.name}' is not allowed in '${block.name}'`;
      // null ends or removes the mark; otherwise the value is the mark's attributes.
      if (value === null) return null;
      if (!isPlainObject(value)) return `mark '${mark.name}' with a value that is not its attributes`;
      for (const [name, v] of Object.entries(value)) {
        const attr = attributeSpec(mark.spec.attrs, name);
        if (!attr) return `mark '${mark.name}' has no attribute ${quote(name)}`;
        const problem = valueProblem(attr, v);
        if (problem) return `attribute '${name}' of mark '${mark.name}': ${problem}`;
      }
      return null;
    },
  };
}

let cached: DocumentRules | undefined;

/** The rules of the minutes: the shared schema, the `default` fragment, the nesting limit. */
export function minutesRules(): DocumentRules {
  cached ??= documentRules(minutesSchema());
  return cached;
}

/** Every node type a content expression admits somewhere (a walk of its automaton). */
function typesIn(start: ContentMatch): Set<NodeType> {
  const types = new Set<NodeType>();
  const seen = new Set([start]);
  const queue = [start];
  while (queue.length > 0) {
    const match = queue.pop()!;
    for (let i = 0; i < match.edgeCount; i++) {
      const { type, next } = match.edge(i);
      types.add(type);
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return types;
}

/** y-prosemirror names a format by its mark, plus a hash when the mark may overlap itself. */
function markOf(schema: Schema, key: string): MarkType | undefined {
  if (Object.hasOwn(schema.marks, key)) return schema.marks[key];
  const hashed = /^(.*)--[a-zA-Z0-9+/=]{8}$/.exec(key);
  const mark = hashed && Object.hasOwn(schema.marks, hashed[1]!) ? schema.marks[hashed[1]!] : undefined;
  return mark && !mark.excludes(mark) ? mark : undefined;
}

function attributeSpec(attrs: Record<string, AttributeSpec> | undefined, name: string): AttributeSpec | undefined {
  return attrs && Object.hasOwn(attrs, name) ? attrs[name] : undefined;
}

/**
 * An attribute value is a scalar; with a `validate` function in its spec that decides, and
 * otherwise it has the type of its default (any scalar when the default is null).
 */
function valueProblem(attr: AttributeSpec, value: unknown): string | null {
  if (value !== null && typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
    return `expected a plain value, got ${describe(value)}`;
  }
  if (typeof attr.validate === 'string') {
    // ProseMirror's form: `|`-separated primitive type names.
    const name = value === null ? 'null' : typeof value;
    return attr.validate.split('|').includes(name) ? null : `expected a ${attr.validate}, got ${describe(value)}`;
  }
  if (attr.validate) {
    try {
      attr.validate(value);
    } catch (error) {
      return `${error instanceof Error ? error.message : String(error)}, got ${describe(value)}`;
    }
    return null;
  }
  const expected = attr.default === null || attr.default === undefined ? null : typeof attr.default;
  return expected === null || typeof value === expected ? null : `expected a ${expected}, got ${describe(value)}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

/** A value from a client, short enough for a close reason. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === undefined) return 'undefined';
  if (value instanceof Uint8Array) return 'binary data';
  return Array.isArray(value) ? 'an array' : 'an object';
}

/** A name from a client, quoted and cut so that it cannot flood a log line or close reason. */
export function quote(name: string): string {
  return `'${name.length > 24 ? `${name.slice(0, 24)}…` : name}'`;
}
