import WebSocket from 'ws';

/** A role's connection to the meeting: one socket at a time, reopened when the server closes it. */
export class FuzzLane {
  private ws: WebSocket | null = null;
  /** Set when the server has spoken first (its sync step 1): the document is attached. */
  private attached = false;
  private closedWaiters: (() => void)[] = [];
  private messageWaiters: (() => void)[] = [];
  readonly closeCodes = new Map<string, number>();
  stalls = 0;
  connections = 0;

  constructor(
    private readonly url: string,
    private readonly cookie: string | undefined,
  ) {}

  /**
   * Sends one frame, then an awareness query, and waits for the server's next message or its
   * close: the query is answered inline by the frame handler, so a frame that neither closes
   * the connection nor gets an answer within 5 s is a stall. Sometimes sends before the server
   * has spoken (frames that arrive while a connection is authorized and the document loads).
   */
  async send(frame: Uint8Array | string, early: boolean): Promise<void> {
    const ws = await this.open(early);
    if (!ws) return;
    const next = this.nextEvent();
    ws.send(frame);
    if (ws.readyState === ws.OPEN) ws.send(new Uint8Array([3]));
    let timer: NodeJS.Timeout | undefined;
    const stalled = await Promise.race([next.then(() => false), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), 5000)))]);
    clearTimeout(timer);
    if (!stalled) return;
    this.stalls++;
    ws.terminate();
  }

  /** Resolves on the next message or close of the current socket. */
  private nextEvent(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.messageWaiters.push(resolve);
      this.closedWaiters.push(resolve);
    });
  }

  close(): void {
    this.ws?.terminate();
  }

  private async open(early: boolean): Promise<WebSocket | null> {
    if (this.ws && this.ws.readyState === WebSocket.OPEN && (this.attached || early)) return this.ws;
    if (this.ws && this.ws.readyState === WebSocket.OPEN) return this.waitAttached(this.ws);
    const ws = new WebSocket(this.url, { headers: this.cookie ? { cookie: this.cookie } : {} });
    this.ws = ws;
    this.attached = false;
    this.connections++;
    ws.on('message', () => {
      if (this.ws !== ws) return;
      this.attached = true;
      for (const resolve of this.messageWaiters.splice(0)) resolve();
    });
    ws.on('close', (code) => {
      const key = String(code);
      this.closeCodes.set(key, (this.closeCodes.get(key) ?? 0) + 1);
      if (this.ws === ws) this.ws = null;
      for (const resolve of this.closedWaiters.splice(0)) resolve();
      for (const resolve of this.messageWaiters.splice(0)) resolve();
    });
    ws.on('error', () => {});
    const opened = await new Promise<boolean>((resolve) => {
      ws.once('open', () => resolve(true));
      ws.once('close', () => resolve(false));
    });
    if (!opened) return null;
    return early ? ws : this.waitAttached(ws);
  }

  /** Waits for the server's first message, or the close (no access: 4401/4403). */
  private async waitAttached(ws: WebSocket): Promise<WebSocket | null> {
    if (this.attached) return ws;
    await this.nextEvent();
    return this.ws === ws ? ws : null;
  }
}
