/**
 * Websocket close codes of the collab endpoint. 4400–4499 mirror HTTP 4xx: y-websocket 3 treats
 * them as permanent and does not reconnect. 1011/1012/1013 are transient: clients reconnect and
 * resend whatever the server had not acknowledged.
 */
export const CloseCode = {
  malformedMessage: 4400,
  unauthenticated: 4401,
  forbidden: 4403,
  unknownMeeting: 4404,
  messageTooLarge: 4413,
  /**
   * More new Yjs client ids in one connection than the server takes (MAX_NEW_CLIENT_IDS): edits
   * kept in a browser from many visits without a connection, each visit writing under an id of
   * its own. Permanent for the connection (the same content would be refused again), but not a
   * refusal of the user or of the content: the browser keeps its local copy, unlike after 4403.
   */
  tooManyClientIds: 4429,
  internalError: 1011,
  serverRestart: 1012,
  tryAgainLater: 1013,
  /**
   * Sent by the websocket library itself for a frame above the server's hard cap (`maxPayload`),
   * before Mahdar reads it: permanent like 4413, or the client would resend it forever.
   */
  frameTooLarge: 1009,
} as const;
export type CloseCodeValue = (typeof CloseCode)[keyof typeof CloseCode];

export function isPermanentCloseCode(code: number): boolean {
  return (code >= 4400 && code < 4500) || code === CloseCode.frameTooLarge;
}
