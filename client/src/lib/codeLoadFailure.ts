/**
 * Whether an error is the browser failing to load a part of the app's own code (a lazily loaded
 * chunk, or a file it preloads), not a fault of the code itself. It happens when the connection
 * drops while the chunk loads, or when Mahdar was upgraded after the page was loaded: the old
 * build's chunks are gone (the server answers 404). Reloading the page loads the current build.
 * Browsers word it differently: Chromium, Firefox, Safari, and Vite's preloading.
 */
export function isCodeLoadFailure(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return CODE_LOAD_MESSAGES.some((pattern) => pattern.test(message));
}

const CODE_LOAD_MESSAGES = [
  /Failed to fetch dynamically imported module/i,
  /error loading dynamically imported module/i,
  /Importing a module script failed/i,
  /Unable to preload CSS/i,
];
