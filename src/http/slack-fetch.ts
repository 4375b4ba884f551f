import https from 'node:https';
// undici's own Response and Headers, not the globals: @slack/socket-mode has undici loaded
// already, and the globals would load Node's bundled copy of it as well.
import { Headers, Response } from 'undici';
import type { Agent } from './node-http.ts';
import { http } from './node-http.ts';

/** What fetch resolves to; undici's Response is the same class, typed apart from the global one. */
type FetchResponse = Awaited<ReturnType<typeof fetch>>;

/** Request headers as a record with lower-case names, from any form fetch accepts. */
function headerRecord(init: RequestInit['headers']): Record<string, string> {
  const pairs: Iterable<[string, string]> = !init
    ? []
    : Symbol.iterator in init
      ? (init as Iterable<[string, string]>)
      : Object.entries(init as Record<string, string>);
  return Object.fromEntries(Array.from(pairs, ([name, value]) => [name.toLowerCase(), value]));
}

/** Statuses whose Response must have no body. */
const NO_BODY = new Set([101, 204, 205, 304]);

/**
 * The fetch the Slack clients and Bolt's respond() use: node:http for the small string and
 * form bodies they send, global fetch for anything else (file uploads). Every slash command
 * ends in a response_url post, the largest single cost per request in bench:load; node:http
 * does it with less CPU and far less memory than fetch or undici's request() (its HTTP parser
 * is native, theirs WebAssembly). Each call gets a timeout unless it has a signal.
 */
export function slackFetch(timeoutMs: number): typeof fetch {
  // The bot talks to the same two or three Slack hosts all day: connections are kept, and an
  // idle one is closed after 5 s, before the server would drop it under a request (Node's own
  // global agent and undici do the same).
  const kept = { keepAlive: true, timeout: 5000, scheduling: 'lifo' } as const;
  const agents: Record<string, Agent> = { 'http:': new http.Agent(kept), 'https:': new https.Agent(kept) };
  return async (input, init = {}) => {
    const body = init.body;
    const url = typeof input === 'string' || input instanceof URL ? new URL(input) : undefined;
    const agent = url && agents[url.protocol];
    if (!url || !agent || !(body === undefined || body === null || typeof body === 'string' || body instanceof URLSearchParams)) {
      return fetch(input, { ...init, signal: init.signal ?? AbortSignal.timeout(timeoutMs) });
    }
    const headers = headerRecord(init.headers);
    if (body instanceof URLSearchParams) headers['content-type'] ??= 'application/x-www-form-urlencoded;charset=UTF-8';
    const payload = body === undefined || body === null ? undefined : String(body);
    if (payload !== undefined) headers['content-length'] = String(Buffer.byteLength(payload));
    const client = url.protocol === 'https:' ? https : http;
    const signal = init.signal ?? undefined;
    return new Promise<FetchResponse>((resolve, reject) => {
      // A timer cleared with the answer, not AbortSignal.timeout(): under load, thousands of
      // those would each stay alive for the whole timeout after their request was done.
      const timer = signal
        ? undefined
        : setTimeout(() => request.destroy(new DOMException(`No answer within ${timeoutMs} ms`, 'TimeoutError')), timeoutMs);
      // fetch rejects with the signal's reason when aborted; so does this.
      const fail = (error: Error) => {
        clearTimeout(timer);
        reject(signal?.aborted ? signal.reason : error);
      };
      const request = client.request(url, { method: init.method ?? 'GET', headers, agent, signal }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', fail);
        response.on('end', () => {
          clearTimeout(timer);
          const status = response.statusCode ?? 0;
          const responseHeaders = new Headers();
          const raw = response.rawHeaders;
          for (let i = 0; i + 1 < raw.length; i += 2) responseHeaders.append(raw[i]!, raw[i + 1]!);
          const answer = new Response(NO_BODY.has(status) ? null : Buffer.concat(chunks), {
            status,
            statusText: response.statusMessage ?? '',
            headers: responseHeaders,
          });
          resolve(answer as unknown as FetchResponse);
        });
      });
      request.on('error', fail);
      request.end(payload);
    });
  };
}
