/**
 * The `dir` of a text box whose words may be Arabic or English: from what is typed, and, while
 * empty, the page's (none of its own). `dir="auto"` on an empty box is left-to-right: an Arabic
 * placeholder sat on the left of a right-to-left page, its ellipsis on the wrong side.
 */
export function inputDir(value: string): 'auto' | undefined {
  return value === '' ? undefined : 'auto';
}
