/** Bumped when the shared schema changes incompatibly. */
export const EDITOR_VERSION = 1;
