import { appendParagraph, connectYClient, waitFor, type YClient } from './yClient.js';

/**
 * A member who writes a paragraph under someone else's Yjs client id (ids are visible to every
 * peer): connects with `cookie`, waits until `ready` (synced by default), then sets its doc's
 * client id to `victimClientId` for one transaction. The server's answer is in `closed`.
 */
export async function forgeParagraph(
  baseUrl: string,
  meetingId: string,
  cookie: string | undefined,
  victimClientId: number,
  text: string,
  ready: (forger: YClient) => boolean = (forger) => forger.provider.synced,
): Promise<YClient> {
  const forger = connectYClient(baseUrl, meetingId, { cookie });
  await waitFor(() => ready(forger), 5000, 'forger ready');
  const own = forger.doc.clientID;
  forger.doc.clientID = victimClientId;
  appendParagraph(forger.doc, text);
  // Back to its own id so that the provider can still announce its departure on destroy.
  forger.doc.clientID = own;
  return forger;
}
