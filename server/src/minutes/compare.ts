import type { JSONContent } from '@tiptap/core';
import { diffArrays, diffWords } from 'diff';
import type { CompareBlock } from '../../../shared/api/versions.js';
import { nodeFromJSON, textBlocks } from './readMinutes.js';

// Words as ICU sees them: Arabic words stay whole (jsdiff's own tokenizer knows Latin letters only).
const words = new Intl.Segmenter(undefined, { granularity: 'word' });

/** Below this share of common letters, a removed and an added paragraph are two paragraphs, not one edited. */
const SAME_PARAGRAPH = 0.5;

/**
 * Block-by-block comparison of two versions of the minutes (paragraphs, headings, list items,
 * action items in document order); a paragraph that was edited is a `change` with its words.
 */
export function compareMinutes(before: JSONContent, after: JSONContent): CompareBlock[] {
  const a = textBlocks(nodeFromJSON(before));
  const b = textBlocks(nodeFromJSON(after));
  const out: CompareBlock[] = [];
  const runs = diffArrays(a, b);
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i]!;
    if (!run.added && !run.removed) {
      for (const text of run.value) out.push({ op: 'equal', before: text, after: text });
      continue;
    }
    const next = runs[i + 1];
    const removed = run.removed ? run.value : [];
    const added = run.added ? run.value : [];
    if (next && run.removed && next.added) {
      added.push(...next.value);
      i++;
    }
    pairUp(removed, added, out);
  }
  return out;
}

/** Removed and added paragraphs at the same place: edited ones become changes, the rest stay deletions and insertions. */
function pairUp(removed: string[], added: string[], out: CompareBlock[]): void {
  const n = Math.max(removed.length, added.length);
  for (let i = 0; i < n; i++) {
    const before = removed[i];
    const after = added[i];
    if (before !== undefined && after !== undefined) {
      const parts = wordParts(before, after);
      if (similarity(parts, before, after) >= SAME_PARAGRAPH) {
        out.push({ op: 'change', before, after, parts });
        continue;
      }
    }
    if (before !== undefined) out.push({ op: 'delete', before });
    if (after !== undefined) out.push({ op: 'insert', after });
  }
}

export function wordParts(before: string, after: string): NonNullable<CompareBlock['parts']> {
  return diffWords(before, after, { intlSegmenter: words }).map((c) => ({
    op: c.added ? 'insert' : c.removed ? 'delete' : 'equal',
    text: c.value,
  }));
}

function similarity(parts: NonNullable<CompareBlock['parts']>, before: string, after: string): number {
  const letters = (s: string) => s.replace(/\s+/g, '').length;
  const common = parts.filter((p) => p.op === 'equal').reduce((sum, p) => sum + letters(p.text), 0);
  const longest = Math.max(letters(before), letters(after));
  return longest === 0 ? 1 : common / longest;
}
