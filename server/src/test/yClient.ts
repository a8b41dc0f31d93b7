import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { isDocumentUpdateMessage, MessageType } from '../../../shared/collab/protocol.js';
import { MINUTES_FRAGMENT } from '../../../shared/editor/schema.js';
import { minutesText } from '../minutes/readMinutes.js';

export interface YClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Update frames sent on the current socket, and how many the server reported durable. */
  counts: { sent: number; saved: number };
  /** Text of the minutes as the server would read it. */
  text(): string;
  /** Resolves once synced and every update frame sent so far is saved. */
  whenSaved(timeoutMs?: number): Promise<void>;
  /** Resolves with the close code and reason when the server closes the socket. */
  closed: Promise<{ code: number; reason: string }>;
  destroy(): void;
}

export async function waitFor(check: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * A headless y-websocket client (the real WebsocketProvider over `ws`) with the session
 * cookie of a user, counting update frames as they go on the wire.
 */
export function connectYClient(
  baseUrl: string,
  meetingId: string,
  options: { cookie?: string; origin?: string; doc?: Y.Doc; name?: string; maxBackoffTime?: number } = {},
): YClient {
  const doc = options.doc ?? new Y.Doc();
  const counts = { sent: 0, saved: 0 };
  let resolveClosed!: (value: { code: number; reason: string }) => void;
  const closed = new Promise<{ code: number; reason: string }>((r) => (resolveClosed = r));
  const headers: Record<string, string> = {};
  if (options.cookie) headers.cookie = options.cookie;
  if (options.origin) headers.origin = options.origin;

  class CountingSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers });
      counts.sent = 0;
      counts.saved = 0;
      this.on('close', (code, reason) => resolveClosed({ code, reason: reason.toString() }));
    }
    override send(data: any, ...rest: any[]): void {
      if (isDocumentUpdateMessage(new Uint8Array(data))) counts.sent++;
      (super.send as any)(data, ...rest);
    }
  }

  const provider = new WebsocketProvider(baseUrl.replace(/^http/, 'ws') + '/collab', meetingId, doc, {
    WebSocketPolyfill: CountingSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    // Browsers keep y-websocket's default (2500 ms); tests reconnect faster unless they measure.
    maxBackoffTime: options.maxBackoffTime ?? 300,
  });
  provider.messageHandlers[MessageType.saved] = (_encoder, decoder: decoding.Decoder) => {
    counts.saved = decoding.readVarUint(decoder);
  };
  // Any message already tells y-websocket the link is alive; this one only needs no error log.
  provider.messageHandlers[MessageType.heartbeat] = () => {};
  if (options.name) provider.awareness.setLocalStateField('user', { name: options.name, color: '#1d6fa5' });

  return {
    doc,
    provider,
    counts,
    closed,
    text: () => minutesText(doc),
    whenSaved: (timeoutMs = 5000) =>
      waitFor(() => provider.synced && counts.sent > 0 && counts.saved === counts.sent, timeoutMs, 'saved'),
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Editing helpers that produce the same Y structure as the Tiptap editor. */
/**
 * Two updates of `doc`, the second depending on the first: a paragraph `text` appended, then
 * `more` typed at its end. The second alone cannot be placed (Yjs holds it back as pending).
 */
export function dependentUpdates(doc: Y.Doc, text: string, more: string): { first: Uint8Array; second: Uint8Array } {
  const before = Y.encodeStateVector(doc);
  const line = appendParagraph(doc, text);
  const first = Y.encodeStateAsUpdate(doc, before);
  const middle = Y.encodeStateVector(doc);
  line.insert(line.length, more);
  return { first, second: Y.encodeStateAsUpdate(doc, middle) };
}

export function appendParagraph(doc: Y.Doc, text: string, dir?: 'ltr' | 'rtl'): Y.XmlText {
  const paragraph = new Y.XmlElement('paragraph');
  const content = new Y.XmlText();
  doc.transact(() => {
    if (dir) paragraph.setAttribute('dir', dir);
    paragraph.insert(0, [content]);
    doc.getXmlFragment(MINUTES_FRAGMENT).push([paragraph]);
    content.insert(0, text);
  });
  return content;
}

/** The XmlText of the paragraph at `index` of the fragment. */
export function paragraphText(doc: Y.Doc, index: number): Y.XmlText {
  const element = doc.getXmlFragment(MINUTES_FRAGMENT).get(index) as Y.XmlElement;
  return element.get(0) as Y.XmlText;
}

/** Appends an `actionItem` block as the editor would; returns its task text. */
export function appendActionItem(
  doc: Y.Doc,
  task: string,
  attrs: { id?: string; owner?: string; ownerUserId?: string; due?: string; status?: string } = {},
): { id: string; element: Y.XmlElement; text: Y.XmlText } {
  const id = attrs.id ?? crypto.randomUUID();
  const element = new Y.XmlElement('actionItem');
  const text = new Y.XmlText();
  doc.transact(() => {
    element.setAttribute('id', id);
    element.setAttribute('owner', attrs.owner ?? '');
    if (attrs.ownerUserId) element.setAttribute('ownerUserId', attrs.ownerUserId);
    element.setAttribute('due', attrs.due ?? '');
    element.setAttribute('status', attrs.status ?? 'open');
    element.insert(0, [text]);
    doc.getXmlFragment(MINUTES_FRAGMENT).push([element]);
    text.insert(0, task);
  });
  return { id, element, text };
}
