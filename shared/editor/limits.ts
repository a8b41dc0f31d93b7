/**
 * Most elements nested in one another in a stored document (a top-level block is at depth 1;
 * each list level adds two: the list and its item). The server refuses updates that go deeper,
 * so readers and exporters, which recurse, never meet a deeper tree; the editor does not make
 * them (`NestingLimit`).
 */
export const MAX_NESTING_DEPTH = 32;
