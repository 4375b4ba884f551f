import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createFakeSocketMode, type FakeSocketMode } from './fake-socket-mode.ts';

/**
 * A fake of Slack's Web API, response_url endpoint and Socket Mode, on a real HTTP server, so
 * the real Bolt App, WebClient and SocketModeClient can be pointed at it
 * (`clientOptions: { slackApiUrl: fake.apiUrl }`) and exercised end to end.
 */

export type Fault =
  /** An HTTP error status; with 429, `retryAfter` (seconds) becomes the Retry-After header. */
  | { status: number; retryAfter?: number; body?: string }
  /** Slack's usual failure: HTTP 200 with `ok: false`. */
  | { error: string }
  /** Answers normally, but only after this long. */
  | { delayMs: number }
  /** Destroys the TCP socket without answering. */
  | { reset: true };

export interface RecordedCall {
  /** The Web API method, or `response_url`. */
  method: string;
  /** The body, parsed; JSON-valued form fields (blocks, attachments, view, ...) are parsed back. */
  args: Record<string, unknown>;
  headers: IncomingHttpHeaders;
  /** Date.now() when the request arrived. */
  at: number;
  rawBody: string;
  /** For `response_url` calls: the id given to `responseUrl(id)`. */
  responseId?: string;
  /** Set when the call met an injected fault instead of a normal answer. */
  fault?: Fault;
}

export type ResponseBody = Record<string, unknown>;

export interface FakeSlackOptions {
  teamId?: string;
  botUserId?: string;
  botId?: string;
  appId?: string;
  /** The locale users.info reports for users without one in `locales`. */
  defaultLocale?: string;
  locales?: Record<string, string>;
  /** The time zone users.info reports per user; UTC for the others. */
  timezones?: Record<string, string>;
  /** Channels the bot is already a member of (conversations.info `is_member`). */
  joinedChannels?: string[];
  /**
   * A Slack having a bad day: this share of calls (auth.test aside, which only delays the
   * start) meets one of `faults`, picked at random; `failNext` faults come first.
   */
  randomFaults?: { share: number; faults: readonly Fault[]; random?: () => number };
}

export interface FakeSlack {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** `http://127.0.0.1:PORT/api/`, for `slackApiUrl`. */
  readonly apiUrl: string;
  readonly port: number;
  /** Every request received, faulted ones included, oldest first (live array). */
  readonly calls: readonly RecordedCall[];
  readonly socket: FakeSocketMode;
  callsTo(method: string): RecordedCall[];
  /**
   * Resolves with the first call to `method` (already received or still to come) that
   * satisfies `predicate`. Faulted attempts count too: filter them with `(c) => !c.fault`.
   */
  waitForCall(method: string, predicate?: (call: RecordedCall) => boolean, timeoutMs?: number): Promise<RecordedCall>;
  responseUrl(id: string): string;
  /** Makes the next `times` calls to `method` (or `response_url`) meet `fault`. */
  failNext(method: string, fault: Fault, times?: number): void;
  /** Replaces the success body of `method`; also how to fake a method this fake does not know. */
  setResponse(method: string, body: ResponseBody | ((call: RecordedCall) => ResponseBody)): void;
  setLocale(userId: string, locale: string): void;
  /** Moves the clock of every Date header this fake sends, as a Slack whose clock disagrees with ours. */
  setClockOffset(ms: number): void;
  clearCalls(): void;
  close(): Promise<void>;
}

// Form-encoded Web API calls carry these as JSON strings (WebClient JSON-encodes any non-scalar).
const JSON_FORM_FIELDS = new Set(['blocks', 'attachments', 'view', 'metadata', 'unfurls', 'user_auth_blocks']);

interface CallWaiter {
  method: string;
  predicate: (call: RecordedCall) => boolean;
  resolve: (call: RecordedCall) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const teamId = options.teamId ?? 'T1';
  const botUserId = options.botUserId ?? 'UBOT';
  const botId = options.botId ?? 'BBOT';
  const appId = options.appId ?? 'A1';
  const defaultLocale = options.defaultLocale ?? 'en-US';
  const locales = new Map(Object.entries(options.locales ?? {}));
  const timezones = new Map(Object.entries(options.timezones ?? {}));
  const joined = new Set(options.joinedChannels ?? []);

  const calls: RecordedCall[] = [];
  const faults = new Map<string, Fault[]>();
  const overrides = new Map<string, ResponseBody | ((call: RecordedCall) => ResponseBody)>();
  const waiters = new Set<CallWaiter>();
  const sockets = new Set<Socket>();
  const delayed = new Set<NodeJS.Timeout>();
  let tsCounter = 0;
  let viewCounter = 0;
  let port = 0;

  const socketMode = createFakeSocketMode({ wsBaseUrl: () => `ws://127.0.0.1:${port}`, appId });

  function nextTs(): string {
    tsCounter += 1;
    return `${Math.floor(Date.now() / 1000)}.${String(tsCounter).padStart(6, '0')}`;
  }

  function record(call: RecordedCall): void {
    calls.push(call);
    for (const waiter of waiters) {
      if (waiter.method === call.method && waiter.predicate(call)) {
        waiters.delete(waiter);
        clearTimeout(waiter.timer);
        waiter.resolve(call);
      }
    }
  }

  function takeFault(method: string): Fault | undefined {
    const queue = faults.get(method);
    const fault = queue?.shift();
    if (queue !== undefined && queue.length === 0) faults.delete(method);
    return fault ?? randomFault(method);
  }

  function randomFault(method: string): Fault | undefined {
    const chaos = options.randomFaults;
    if (chaos === undefined || method === 'auth.test') return undefined;
    const random = chaos.random ?? Math.random;
    return random() < chaos.share ? chaos.faults[Math.floor(random() * chaos.faults.length)] : undefined;
  }

  let clockOffsetMs = 0;
  const dateHeader = (): Record<string, string> =>
    clockOffsetMs === 0 ? {} : { Date: new Date(Date.now() + clockOffsetMs).toUTCString() };

  function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    if (res.destroyed || res.writableEnded) return;
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...dateHeader(), ...headers });
    res.end(JSON.stringify(body));
  }

  function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
    if (res.destroyed || res.writableEnded) return;
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...dateHeader(), ...headers });
    res.end(text);
  }

  function applyFault(fault: Exclude<Fault, { delayMs: number }>, req: IncomingMessage, res: ServerResponse): void {
    if ('reset' in fault) {
      req.socket.destroy();
    } else if ('error' in fault) {
      sendJson(res, 200, { ok: false, error: fault.error });
    } else {
      const headers: Record<string, string> = {};
      if (fault.retryAfter !== undefined) headers['Retry-After'] = String(fault.retryAfter);
      if (fault.status === 429) {
        sendJson(res, 429, { ok: false, error: 'ratelimited' }, headers);
      } else {
        sendText(res, fault.status, fault.body ?? `fake-slack: injected HTTP ${fault.status}`, headers);
      }
    }
  }

  function later(delayMs: number, answer: () => void): void {
    const timer = setTimeout(() => {
      delayed.delete(timer);
      answer();
    }, delayMs);
    delayed.add(timer);
  }

  function isAuthorized(method: string, headers: IncomingHttpHeaders): boolean {
    const prefix = method === 'apps.connections.open' ? 'Bearer xapp-' : 'Bearer xoxb-';
    return headers.authorization?.startsWith(prefix) ?? false;
  }

  function channelInfo(id: string): ResponseBody {
    return {
      id,
      name: id.toLowerCase(),
      is_channel: id.startsWith('C'),
      is_group: id.startsWith('G'),
      is_im: id.startsWith('D'),
      is_private: !id.startsWith('C'),
      is_archived: false,
      is_member: joined.has(id),
      created: 1_700_000_000,
      creator: 'U0',
    };
  }

  function botMessage(args: Record<string, unknown>, ts: string): ResponseBody {
    const message: ResponseBody = { type: 'message', user: botUserId, bot_id: botId, app_id: appId, team: teamId, ts };
    for (const key of ['text', 'blocks', 'attachments', 'thread_ts', 'metadata']) {
      if (args[key] !== undefined) message[key] = args[key];
    }
    return message;
  }

  /** Slack's answer to a well-authenticated call; undefined for a method this fake does not know. */
  function successBody(method: string, args: Record<string, unknown>): ResponseBody | undefined {
    const channel = typeof args.channel === 'string' ? args.channel : undefined;
    const hasContent = args.text !== undefined || args.blocks !== undefined || args.attachments !== undefined;
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://kubecon-test.slack.com/',
          team: 'KubeCon Test',
          user: 'kubecon-bot',
          team_id: teamId,
          user_id: botUserId,
          bot_id: botId,
          is_enterprise_install: false,
        };
      case 'chat.postMessage': {
        if (channel === undefined) return { ok: false, error: 'channel_not_found' };
        if (!hasContent) return { ok: false, error: 'no_text' };
        const ts = nextTs();
        return { ok: true, channel, ts, message: botMessage(args, ts) };
      }
      case 'chat.postEphemeral':
        if (channel === undefined) return { ok: false, error: 'channel_not_found' };
        if (typeof args.user !== 'string') return { ok: false, error: 'user_not_in_channel' };
        if (!hasContent) return { ok: false, error: 'no_text' };
        return { ok: true, message_ts: nextTs() };
      case 'chat.update': {
        if (channel === undefined) return { ok: false, error: 'channel_not_found' };
        if (typeof args.ts !== 'string') return { ok: false, error: 'message_not_found' };
        return { ok: true, channel, ts: args.ts, text: args.text ?? '', message: botMessage(args, args.ts) };
      }
      case 'chat.delete':
        if (channel === undefined) return { ok: false, error: 'channel_not_found' };
        if (typeof args.ts !== 'string') return { ok: false, error: 'message_not_found' };
        return { ok: true, channel, ts: args.ts };
      case 'views.publish': {
        const view = args.view;
        if (typeof args.user_id !== 'string' || typeof view !== 'object' || view === null) {
          return { ok: false, error: 'invalid_arguments' };
        }
        viewCounter += 1;
        return {
          ok: true,
          view: {
            id: `V${viewCounter}`,
            team_id: teamId,
            app_id: appId,
            bot_id: botId,
            hash: `${Date.now()}.fake${viewCounter}`,
            private_metadata: '',
            callback_id: '',
            ...view,
          },
        };
      }
      case 'users.info': {
        const user = args.user;
        if (typeof user !== 'string') return { ok: false, error: 'user_not_found' };
        const body: ResponseBody = {
          id: user,
          team_id: teamId,
          name: user.toLowerCase(),
          real_name: `User ${user}`,
          deleted: false,
          is_bot: false,
          tz: timezones.get(user) ?? 'UTC',
          profile: { real_name: `User ${user}`, display_name: user.toLowerCase() },
        };
        // Slack only reports the locale when asked, and the form body carries the flag as a string.
        if (args.include_locale === true || args.include_locale === 'true') {
          body.locale = locales.get(user) ?? defaultLocale;
        }
        return { ok: true, user: body };
      }
      case 'conversations.info':
        if (channel === undefined) return { ok: false, error: 'channel_not_found' };
        return { ok: true, channel: channelInfo(channel) };
      case 'conversations.open': {
        // One DM per person, named after them: D + their id without its U.
        const users = typeof args.users === 'string' ? args.users : '';
        if (!/^[UW][A-Z0-9]+$/.test(users)) return { ok: false, error: 'user_not_found' };
        return { ok: true, channel: { id: `D${users.slice(1)}` } };
      }
      case 'conversations.join': {
        if (channel === undefined) return { ok: false, error: 'channel_not_found' };
        const already = joined.has(channel);
        joined.add(channel);
        return { ok: true, channel: channelInfo(channel), ...(already ? { warning: 'already_in_channel' } : {}) };
      }
      case 'apps.connections.open':
        return { ok: true, url: socketMode.issueUrl() };
      default:
        return undefined;
    }
  }

  function answerApi(call: RecordedCall, res: ServerResponse): void {
    if (!isAuthorized(call.method, call.headers)) {
      sendJson(res, 200, { ok: false, error: 'not_authed' });
      return;
    }
    const override = overrides.get(call.method);
    if (override !== undefined) {
      sendJson(res, 200, typeof override === 'function' ? override(call) : override);
      return;
    }
    sendJson(res, 200, successBody(call.method, call.args) ?? { ok: false, error: 'unknown_method' });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake-slack');
    const api = /^\/api\/([\w.]+)$/.exec(url.pathname);
    const response = /^\/response\/([^/]+)$/.exec(url.pathname);
    if ((api === null && response === null) || req.method !== 'POST') {
      sendText(res, 404, `fake-slack: no route for ${req.method} ${url.pathname}`);
      return;
    }
    const rawBody = await readBody(req);
    const call: RecordedCall = {
      method: api?.[1] ?? 'response_url',
      args: parseArgs(rawBody, req.headers['content-type']),
      headers: req.headers,
      at: Date.now(),
      rawBody,
    };
    if (response?.[1] !== undefined) call.responseId = decodeURIComponent(response[1]);

    const answer = api === null ? () => sendText(res, 200, 'ok') : () => answerApi(call, res);
    const fault = takeFault(call.method);
    if (fault !== undefined) call.fault = fault;
    record(call);
    if (fault === undefined) {
      answer();
    } else if ('delayMs' in fault) {
      later(fault.delayMs, answer);
    } else {
      applyFault(fault, req, res);
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      sendText(res, 500, `fake-slack: ${error instanceof Error ? error.stack : String(error)}`);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('upgrade', (req, socket, head) => socketMode.handleUpgrade(req, socket, head));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const baseUrl = `http://127.0.0.1:${port}`;
  let closing: Promise<void> | undefined;

  return {
    url: baseUrl,
    apiUrl: `${baseUrl}/api/`,
    port,
    calls,
    socket: socketMode,

    callsTo(method) {
      return calls.filter((call) => call.method === method);
    },

    waitForCall(method, predicate = () => true, timeoutMs = 2000) {
      const seen = calls.find((call) => call.method === method && predicate(call));
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise<RecordedCall>((resolve, reject) => {
        const waiter: CallWaiter = {
          method,
          predicate,
          resolve,
          reject,
          timer: setTimeout(() => {
            waiters.delete(waiter);
            reject(new Error(`fake-slack: no matching ${method} call within ${timeoutMs} ms; ${describeCalls(calls)}`));
          }, timeoutMs),
        };
        waiters.add(waiter);
      });
    },

    responseUrl(id) {
      return `${baseUrl}/response/${encodeURIComponent(id)}`;
    },

    failNext(method, fault, times = 1) {
      const queue = faults.get(method) ?? [];
      for (let i = 0; i < times; i += 1) queue.push(fault);
      faults.set(method, queue);
    },

    setResponse(method, body) {
      overrides.set(method, body);
    },

    setLocale(userId, locale) {
      locales.set(userId, locale);
    },

    setClockOffset(ms) {
      clockOffsetMs = ms;
    },

    clearCalls() {
      calls.length = 0;
    },

    close() {
      closing ??= new Promise<void>((resolve) => {
        socketMode.close();
        for (const timer of delayed) clearTimeout(timer);
        delayed.clear();
        for (const waiter of waiters) {
          clearTimeout(waiter.timer);
          waiter.reject(new Error(`fake-slack: closed while waiting for a ${waiter.method} call`));
        }
        waiters.clear();
        // A keep-alive or upgraded socket would hold server.close() open forever; a fake must not hang a test run.
        const guard = setTimeout(resolve, 1000);
        server.close(() => {
          clearTimeout(guard);
          resolve();
        });
        server.closeAllConnections();
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseArgs(rawBody: string, contentType: string | undefined): Record<string, unknown> {
  if (rawBody === '') return {};
  if (contentType?.includes('application/json')) {
    try {
      const parsed: unknown = JSON.parse(rawBody);
      return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : { value: parsed };
    } catch {
      return {};
    }
  }
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(rawBody)) {
    args[key] = JSON_FORM_FIELDS.has(key) ? parseJsonField(value) : value;
  }
  return args;
}

function parseJsonField(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function describeCalls(calls: readonly RecordedCall[]): string {
  if (calls.length === 0) return 'no calls seen';
  const lines = calls.map((call) => {
    const args = JSON.stringify(call.args);
    const fault = call.fault === undefined ? '' : ` [fault ${JSON.stringify(call.fault)}]`;
    return `  - ${call.method} ${args.length > 200 ? `${args.slice(0, 200)}...` : args}${fault}`;
  });
  return `calls seen (${calls.length}):\n${lines.join('\n')}`;
}
