type MinutesEditorModule = typeof import('./MinutesEditor.js');

let loading: Promise<MinutesEditorModule> | null = null;

/**
 * The editor's code (Tiptap, Yjs: most of the client) is its own chunk, fetched with the first
 * meeting opened rather than at sign-in. Started as soon as a meeting is the page being opened,
 * so that it downloads while the session and the meeting's details are still being asked for
 * instead of after them. One download however often it is asked for; a failed one (a network
 * blip) is asked for again next time rather than remembered.
 */
export function loadMinutesEditor(): Promise<MinutesEditorModule> {
  loading ??= import('./MinutesEditor.js').catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}
