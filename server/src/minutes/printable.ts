import type { JSONContent } from '@tiptap/core';

/**
 * The minutes as exporters print them. A section nobody wrote anything under (a template
 * heading with only its empty line below) is left out, its heading too; a bilingual section's
 * headings (one per language, one after the other at the same level) go together. An empty
 * line between blocks is left out too: the PDF's spacing never showed it, and in Word a heading
 * kept with it stayed at the foot of a page while the text under it went to the next. The
 * attendance block is printed once, where it first is. The document itself is not changed.
 */
export function printableMinutes(doc: JSONContent, options: { hasAttendance: boolean }): JSONContent {
  let attendanceSeen = false;
  const dedupe = (nodes: JSONContent[] | undefined): JSONContent[] | undefined =>
    nodes?.flatMap((node) => {
      if (node.type === 'attendance') {
        if (attendanceSeen) return [];
        attendanceSeen = true;
        return [node];
      }
      return node.content ? [{ ...node, content: dedupe(node.content) }] : [node];
    });
  const content = dedupe(doc.content) ?? [];
  const printed = withoutEmptySections(content, options.hasAttendance);
  return { ...doc, content: printed.filter((node) => node.type !== 'paragraph' || hasContent(node, options.hasAttendance)) };
}

/** Whether the minutes place the attendance block themselves (minutes made before it existed do not). */
export function hasAttendanceBlock(node: JSONContent): boolean {
  return node.type === 'attendance' || (node.content ?? []).some(hasAttendanceBlock);
}

function withoutEmptySections(blocks: JSONContent[], hasAttendance: boolean): JSONContent[] {
  const level = (node: JSONContent) => (node.type === 'heading' ? Number(node.attrs?.level ?? 1) : Infinity);
  const dropped = new Set<number>();
  for (let i = 0; i < blocks.length; i++) {
    const lvl = level(blocks[i]!);
    if (lvl === Infinity) continue;
    // The section's titles: this heading and its twins in the other language.
    let end = i + 1;
    while (end < blocks.length && level(blocks[end]!) === lvl) end++;
    // Its scope: everything up to the next heading of the same or a higher level.
    let scopeEnd = end;
    while (scopeEnd < blocks.length && level(blocks[scopeEnd]!) > lvl) scopeEnd++;
    const scope = blocks.slice(end, scopeEnd);
    if (!scope.some((node) => node.type !== 'heading' && hasContent(node, hasAttendance))) {
      for (let j = i; j < scopeEnd; j++) dropped.add(j);
    }
    i = end - 1;
  }
  return blocks.filter((_, i) => !dropped.has(i));
}

/** Whether a block prints anything a reader would look for: text, an action item, the attendance. */
function hasContent(node: JSONContent, hasAttendance: boolean): boolean {
  switch (node.type) {
    case 'text':
      return (node.text ?? '').trim() !== '';
    case 'attendance':
      return hasAttendance;
    case 'actionItem':
      return true;
    default:
      return (node.content ?? []).some((child) => hasContent(child, hasAttendance));
  }
}
