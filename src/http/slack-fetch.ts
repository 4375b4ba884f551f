import { request } from 'undici';

/** Statuses whose Response must have no body. */
const NO_BODY = new Set([101, 204, 205, 304]);

/**
 * The fetch the Slack clients and Bolt's respond() use: undici's request() for the small
 * string and form bodies they send, global fetch for anything else (file uploads). Every
 * slash command ends in a response_url post, and fetch's WHATWG machinery was the largest
 * single cost per request in bench:load. Each call gets a timeout unless it has a signal.
 */
export function slackFetch(timeoutMs: number): typeof fetch {
  return async (input, init = {}) => {
    const signal = init.signal ?? AbortSignal.timeout(timeoutMs);
    const body = init.body;
    const simple = (typeof input === 'string' || input instanceof URL) && (body === undefined || body === null || typeof body === 'string' || body instanceof URLSearchParams);
    if (!simple) return fetch(input, { ...init, signal });
    const headers = Object.fromEntries(new Headers(init.headers));
    if (body instanceof URLSearchParams) headers['content-type'] ??= 'application/x-www-form-urlencoded;charset=UTF-8';
    const response = await request(input, {
      method: (init.method ?? 'GET') as 'GET',
      headers,
      body: body instanceof URLSearchParams ? body.toString() : (body ?? undefined),
      signal,
    });
    const payload = await response.body.arrayBuffer();
    const responseHeaders = new Headers();
    for (const [name, value] of Object.entries(response.headers)) {
      for (const one of Array.isArray(value) ? value : [value ?? '']) responseHeaders.append(name, one);
    }
    return new Response(NO_BODY.has(response.statusCode) ? null : payload, { status: response.statusCode, headers: responseHeaders });
  };
}
