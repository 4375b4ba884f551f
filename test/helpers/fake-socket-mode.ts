import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';

export type EnvelopeType = 'events_api' | 'slash_commands' | 'interactive';
export type DisconnectReason = 'warning' | 'refresh_requested' | 'link_disabled';

export interface SocketConnection {
  /** 1 for the first connection the fake accepted, 2 for the next, ... */
  readonly id: number;
  /** The `n` of the `apps.connections.open` URL this connection used. */
  readonly ticket: number;
  readonly openedAt: number;
  readonly isOpen: boolean;
  /** Resolves when the link goes away, however it went (1006 means no close frame). */
  readonly closed: Promise<{ code: number; reason: string }>;
}

export interface SocketAck {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

export interface SendOptions {
  retryAttempt?: number;
  retryReason?: string;
  /** Slack's default: false for events_api, true for slash commands and interactivity. */
  acceptsResponsePayload?: boolean;
  /** Slack's own window is 3 s; shorten it in tests that expect no ack. */
  ackTimeoutMs?: number;
  /** Target one connection; by default the newest open one, as any connection may get a payload. */
  connectionId?: number;
}

export interface FakeSocketMode {
  /** Connections open right now. */
  readonly connectionCount: number;
  /** Every connection ever accepted, oldest first. */
  readonly connections: readonly SocketConnection[];
  /** Every parsed message the clients sent (acks included), oldest first. */
  readonly received: readonly Record<string, unknown>[];
  /**
   * Resolves with the next connection not yet handed out by an earlier call, whether it
   * is already open or still to come: after `start()` it gives connection 1, after a
   * disconnect the reconnection.
   */
  waitForConnection(timeoutMs?: number): Promise<SocketConnection>;
  /**
   * Resolves once no connection is open. Bolt's `app.stop()` returns before the close
   * handshake ends, and closing the fake under it makes the client log WebSocket errors.
   */
  waitForAllClosed(timeoutMs?: number): Promise<void>;
  /** Sends an envelope and resolves with the client's ack. */
  send(type: EnvelopeType, payload: Record<string, unknown>, options?: SendOptions): Promise<SocketAck>;
  /** Asks clients to reconnect, as Slack does before recycling a server (all open connections by default). */
  disconnect(reason: DisconnectReason, options?: { connectionId?: number }): void;
  /** Stops answering pings, so the link looks dead to the client. */
  stopPongs(): void;
  resumePongs(): void;
  /** Drops every TCP link without a close frame, like a network failure. */
  dropAll(): void;
  /** Sends one frame as it is, envelope or not, on the newest open connection: for what Slack should never send. */
  sendRaw(frame: string | Buffer): void;
}

/** The parts the HTTP side of the fake needs; tests only see FakeSocketMode. */
export interface SocketModeServer extends FakeSocketMode {
  issueUrl(): string;
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): void;
}

interface LiveConnection {
  info: { -readonly [K in keyof SocketConnection]: SocketConnection[K] };
  ws: WebSocket;
}

interface PendingAck {
  connectionId: number;
  resolve: (ack: SocketAck) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

interface ConnectionWaiter {
  resolve: (connection: SocketConnection) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export function createFakeSocketMode(options: { wsBaseUrl: () => string; appId: string }): SocketModeServer {
  // autoPong off: pongs are answered by hand so stopPongs() can fake a dead peer.
  const wss = new WebSocketServer({ noServer: true, autoPong: false });
  const live: LiveConnection[] = [];
  const connections: SocketConnection[] = [];
  const received: Record<string, unknown>[] = [];
  const pendingAcks = new Map<string, PendingAck>();
  const waiters: ConnectionWaiter[] = [];
  // Slack's URLs are single-use tickets; refusing a reused one catches a client that reconnects to a stale URL.
  const unusedTickets = new Set<number>();
  let lastTicket = 0;
  let handedOut = 0;
  let pongsStopped = false;
  let closed = false;

  function openConnections(): LiveConnection[] {
    return live.filter((c) => c.info.isOpen);
  }

  function handOutNext(): void {
    while (waiters.length > 0 && handedOut < connections.length) {
      const waiter = waiters.shift();
      const connection = connections[handedOut];
      if (waiter === undefined || connection === undefined) return;
      handedOut += 1;
      clearTimeout(waiter.timer);
      waiter.resolve(connection);
    }
  }

  function onMessage(data: RawData): void {
    let message: unknown;
    try {
      message = JSON.parse(data.toString());
    } catch {
      received.push({ unparsed: data.toString() });
      return;
    }
    if (typeof message !== 'object' || message === null) return;
    const record = message as Record<string, unknown>;
    received.push(record);
    const envelopeId = record.envelope_id;
    if (typeof envelopeId !== 'string') return;
    const pending = pendingAcks.get(envelopeId);
    if (pending === undefined) return;
    pendingAcks.delete(envelopeId);
    clearTimeout(pending.timer);
    const ack: SocketAck = { envelope_id: envelopeId };
    if (typeof record.payload === 'object' && record.payload !== null) {
      ack.payload = record.payload as Record<string, unknown>;
    }
    pending.resolve(ack);
  }

  function accept(ws: WebSocket, ticket: number): void {
    let resolveClosed: (value: { code: number; reason: string }) => void = () => {};
    const info: LiveConnection['info'] = {
      id: connections.length + 1,
      ticket,
      openedAt: Date.now(),
      isOpen: true,
      closed: new Promise<{ code: number; reason: string }>((resolve) => {
        resolveClosed = resolve;
      }),
    };
    const connection: LiveConnection = { info, ws };
    live.push(connection);
    connections.push(info);

    ws.on('ping', (data: Buffer) => {
      if (!pongsStopped) ws.pong(data);
    });
    ws.on('message', onMessage);
    // ws emits 'error' on protocol violations; without a listener it would crash the test process.
    ws.on('error', () => {});
    ws.on('close', (code: number, reason: Buffer) => {
      info.isOpen = false;
      live.splice(live.indexOf(connection), 1);
      for (const [envelopeId, pending] of pendingAcks) {
        if (pending.connectionId !== info.id) continue;
        pendingAcks.delete(envelopeId);
        clearTimeout(pending.timer);
        pending.reject(new Error(`fake Socket Mode: connection ${info.id} closed before envelope ${envelopeId} was acked`));
      }
      resolveClosed({ code, reason: reason.toString() });
    });

    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: openConnections().length,
        debug_info: { host: 'fake-slack', build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: options.appId },
      }),
    );
    handOutNext();
  }

  return {
    get connectionCount() {
      return openConnections().length;
    },
    connections,
    received,

    issueUrl() {
      lastTicket += 1;
      unusedTickets.add(lastTicket);
      return `${options.wsBaseUrl()}/socket?n=${lastTicket}`;
    },

    handleUpgrade(request, socket, head) {
      const url = new URL(request.url ?? '/', 'http://fake-slack');
      const ticket = Number(url.searchParams.get('n'));
      if (closed || url.pathname !== '/socket' || !unusedTickets.has(ticket)) {
        socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      unusedTickets.delete(ticket);
      wss.handleUpgrade(request, socket, head, (ws) => accept(ws, ticket));
    },

    waitForConnection(timeoutMs = 2000) {
      return new Promise<SocketConnection>((resolve, reject) => {
        const waiter: ConnectionWaiter = {
          resolve,
          reject,
          timer: setTimeout(() => {
            waiters.splice(waiters.indexOf(waiter), 1);
            reject(
              new Error(
                `fake Socket Mode: no new connection within ${timeoutMs} ms ` +
                  `(${connections.length} accepted so far, ${handedOut} already handed out, ` +
                  `${openConnections().length} open, ${lastTicket} URLs issued)`,
              ),
            );
          }, timeoutMs),
        };
        waiters.push(waiter);
        handOutNext();
      });
    },

    async waitForAllClosed(timeoutMs = 2000) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => {
          const open = openConnections().map((c) => c.info.id);
          reject(new Error(`fake Socket Mode: connection(s) ${open.join(', ')} still open after ${timeoutMs} ms`));
        }, timeoutMs);
      });
      try {
        await Promise.race([Promise.all(openConnections().map((c) => c.info.closed)), timeout]);
      } finally {
        clearTimeout(timer);
      }
    },

    send(type, payload, sendOptions = {}) {
      const open = openConnections();
      const target = sendOptions.connectionId === undefined ? open.at(-1) : open.find((c) => c.info.id === sendOptions.connectionId);
      if (target === undefined) {
        const which = sendOptions.connectionId === undefined ? '' : ` with id ${sendOptions.connectionId}`;
        return Promise.reject(new Error(`fake Socket Mode: no open connection${which} to send a ${type} envelope to`));
      }
      const envelopeId = randomUUID();
      const envelope: Record<string, unknown> = {
        envelope_id: envelopeId,
        type,
        payload,
        accepts_response_payload: sendOptions.acceptsResponsePayload ?? type !== 'events_api',
      };
      // Slack always sends the retry fields on events_api envelopes, and only there.
      if (type === 'events_api' || sendOptions.retryAttempt !== undefined) {
        envelope.retry_attempt = sendOptions.retryAttempt ?? 0;
      }
      if (type === 'events_api' || sendOptions.retryReason !== undefined) {
        envelope.retry_reason = sendOptions.retryReason ?? '';
      }
      const ackTimeoutMs = sendOptions.ackTimeoutMs ?? 3000;
      return new Promise<SocketAck>((resolve, reject) => {
        pendingAcks.set(envelopeId, {
          connectionId: target.info.id,
          resolve,
          reject,
          timer: setTimeout(() => {
            pendingAcks.delete(envelopeId);
            reject(new Error(`fake Socket Mode: no ack for ${type} envelope ${envelopeId} within ${ackTimeoutMs} ms`));
          }, ackTimeoutMs),
        });
        target.ws.send(JSON.stringify(envelope));
      });
    },

    disconnect(reason, disconnectOptions = {}) {
      for (const connection of openConnections()) {
        if (disconnectOptions.connectionId !== undefined && connection.info.id !== disconnectOptions.connectionId) {
          continue;
        }
        connection.ws.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'fake-slack' } }));
      }
    },

    stopPongs() {
      pongsStopped = true;
    },

    resumePongs() {
      pongsStopped = false;
    },

    dropAll() {
      for (const connection of [...live]) connection.ws.terminate();
    },

    sendRaw(frame) {
      const target = openConnections().at(-1);
      if (target === undefined) throw new Error('fake Socket Mode: no open connection to send a raw frame to');
      target.ws.send(frame);
    },

    close() {
      closed = true;
      for (const connection of [...live]) connection.ws.terminate();
      for (const waiter of waiters.splice(0)) {
        clearTimeout(waiter.timer);
        waiter.reject(new Error('fake Socket Mode: closed while waiting for a connection'));
      }
      for (const [envelopeId, pending] of pendingAcks) {
        clearTimeout(pending.timer);
        pending.reject(new Error(`fake Socket Mode: closed before envelope ${envelopeId} was acked`));
      }
      pendingAcks.clear();
      wss.close();
    },
  };
}
