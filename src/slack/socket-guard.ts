import type { Socket } from 'node:net';
import type { SocketModeClient } from '@slack/socket-mode';
import { Agent, buildConnector, type Dispatcher } from 'undici';
import { z } from 'zod';
import type { Logger } from '../log/logger.ts';

/**
 * @slack/socket-mode 3.1.0 ends the process on frames Slack should never send, and on a
 * reconnect that Slack refuses: its message handler is async and reads `event.type` of
 * `null` and `payload.event.type` of an envelope without them, and its reconnect timer calls
 * `start().then(...)` with no catch (node-slack-sdk #2167, #1626, #2656). Its reconnect delay
 * also never grows past one ping timeout, since the count of failures resets as soon as
 * apps.connections.open answers. This wraps both at the source, through the client's own
 * methods; test/slack/socket-guard.test.ts fails the day upstream fixes them.
 */
interface ClientInternals {
  onWebSocketMessage(data: string | ArrayBuffer, isBinary: boolean): Promise<void>;
  delayReconnectAttempt<T>(callback: () => Promise<T>): Promise<T>;
  send(envelopeId: string, body?: Record<string, unknown>): Promise<void>;
  reconnectionTimer: NodeJS.Timeout | undefined;
  shuttingDown: boolean;
}

/** Where the frame's shape is checked: what the client and Bolt then read without a guard. */
const Envelope = z.looseObject({ type: z.string(), envelope_id: z.string().optional(), payload: z.unknown().optional() });
const Payload = z.looseObject({});
const EventsApiPayload = z.looseObject({ event: z.looseObject({ type: z.string() }) });
/** Frames from Slack about the link itself: no envelope to ack. */
const LINK_FRAMES = new Set(['hello', 'disconnect']);

/** Why a frame cannot go on to the client, or undefined when it can. */
function problemOf(frame: unknown): { reason: string; envelopeId?: string } | undefined {
  const envelope = Envelope.safeParse(frame);
  if (!envelope.success) return { reason: 'not an envelope' };
  const { type, envelope_id: envelopeId, payload } = envelope.data;
  if (LINK_FRAMES.has(type)) return undefined;
  if (envelopeId === undefined) return { reason: `a ${type} frame without envelope_id` };
  const schema = type === 'events_api' ? EventsApiPayload : Payload;
  if (!schema.safeParse(payload).success) return { reason: `a ${type} envelope without a usable payload`, envelopeId };
  return undefined;
}

/**
 * The WebSocket's HTTP client, with frames capped (undici's own default is 128 MB, and a
 * frame is held whole before it is parsed). As the client's default one does, it pins
 * HTTP/1.1 and keeps the link's socket, so that a stalled peer can be destroyed on close.
 */
export function cappedDispatcher(maxFrameBytes: number): { dispatcher: Dispatcher; destroySocket(): void } {
  const connect = buildConnector({ allowH2: false });
  let current: Socket | undefined;
  const dispatcher = new Agent({
    allowH2: false,
    webSocket: { maxPayloadSize: maxFrameBytes },
    connect: (options, callback) =>
      connect(options, (error, socket) => {
        if (socket) current = socket as Socket;
        if (error || !socket) callback(error ?? new Error('Socket Mode connector returned no socket'), null);
        else callback(null, socket);
      }),
  });
  return {
    dispatcher,
    destroySocket() {
      if (current && !current.destroyed) current.destroy();
      current = undefined;
    },
  };
}

export interface SocketLink {
  /** Whether the link to Slack is up now: the hello came, and no drop since. */
  readonly up: boolean;
}

export interface SocketGuardOptions {
  /** Called when the link closes: the socket the client no longer knows of is destroyed. */
  readonly onClose?: () => void;
  /** The first reconnect delay; each failure doubles it, with jitter, up to maxDelayMs. */
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  readonly random?: () => number;
}

export function guardSocketMode(client: SocketModeClient, log: Logger, options: SocketGuardOptions): SocketLink {
  const internals = client as unknown as ClientInternals;
  const random = options.random ?? Math.random;
  let up = false;
  let failures = 0;
  // Why the link went down, for the line that says so: the client's own error lines carry none.
  let lastReason: string | undefined;
  client.on('error', (error: { original?: Error; message?: string; name?: string }) => {
    lastReason = error.original?.message || error.message || error.name || 'WebSocket error';
  });

  client.removeAllListeners('ws_message');
  client.on('ws_message', (data: string | ArrayBuffer, isBinary: boolean) => {
    if (!isBinary) {
      let frame: unknown;
      try {
        frame = JSON.parse(typeof data === 'string' ? data : new TextDecoder().decode(data));
      } catch {
        log.warn('Dropped a Socket Mode frame that is not JSON');
        return;
      }
      if ((frame as { type?: unknown } | null)?.type === 'disconnect')
        lastReason = `Slack asked to reconnect (${String((frame as { reason?: unknown }).reason)})`;
      const problem = problemOf(frame);
      if (problem) {
        log.warn('Dropped a malformed Socket Mode frame', { reason: problem.reason });
        // Acked, so that Slack does not send the same broken envelope again.
        if (problem.envelopeId !== undefined) internals.send(problem.envelopeId).catch(() => {});
        return;
      }
    }
    internals.onWebSocketMessage(data, isBinary).catch((error: unknown) => log.error('A Socket Mode frame failed', { error }));
  });

  client.on('connected', () => {
    if (failures > 0) log.info('Socket Mode link to Slack is up again', { after: failures });
    up = true;
    failures = 0;
  });
  for (const state of ['disconnected', 'reconnecting']) client.on(state, () => (up = false));
  client.on('close', () => {
    up = false;
    options.onClose?.();
  });

  internals.delayReconnectAttempt = function reconnectLater<T>(this: ClientInternals, callback: () => Promise<T>): Promise<T> {
    failures += 1;
    const delayMs = Math.round(Math.min(options.maxDelayMs, options.initialDelayMs * 2 ** (failures - 1)) * (0.5 + random() / 2));
    log.warn('Socket Mode link to Slack is down; reconnecting', { attempt: failures, delayMs, reason: lastReason ?? 'the link closed' });
    lastReason = undefined;
    return new Promise<T>((resolve) => {
      this.reconnectionTimer = setTimeout(() => {
        this.reconnectionTimer = undefined;
        // Stopped on purpose: nothing to reconnect, and nobody waits on this promise.
        if (this.shuttingDown) return;
        client.emit('reconnecting');
        callback.apply(this).then(resolve, (error: unknown) => {
          const refused = /invalid_auth|not_authed|account_inactive|token_revoked|not_allowed_token_type/.test(String(error));
          log.error(
            refused
              ? 'Slack refused the app-level token on reconnect: check SLACK_APP_TOKEN (connections:write); retrying'
              : 'Could not reconnect to Slack over Socket Mode; retrying',
            { error },
          );
          resolve(reconnectLater.call(this, callback) as Promise<T>);
        });
      }, delayMs);
    });
  };

  return {
    get up() {
      return up;
    },
  };
}
