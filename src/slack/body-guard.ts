import { createHmac, timingSafeEqual } from 'node:crypto';
import { parse } from 'node:querystring';
import type { IncomingHttpHeaders, RequestListener } from '../http/node-http.ts';
import type { Logger } from '../log/logger.ts';

/** HTTPReceiver's own default limit; this guard reads the body before Bolt does, so it applies it. */
export const BODY_LIMIT = 4 * 1024 * 1024;

/** Slack's replay window: a request signed longer ago than this (or that far ahead) is refused. */
const MAX_CLOCK_SKEW_S = 300;

/**
 * Slack's request signature: HMAC-SHA256 of `v0:{timestamp}:{body}` with the signing secret.
 * One HMAC and a constant-time compare; Bolt's own check costs three HMACs a request
 * (docs/decisions/0007-signature-check.md has the figures).
 */
export function hasValidSignature(secret: string, headers: IncomingHttpHeaders, rawBody: Buffer, nowMs: number): boolean {
  const timestamp = headers['x-slack-request-timestamp'];
  const signature = headers['x-slack-signature'];
  if (typeof timestamp !== 'string' || typeof signature !== 'string' || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > MAX_CLOCK_SKEW_S) return false;
  const expected = Buffer.from(`v0=${createHmac('sha256', secret).update(`v0:${timestamp}:`).update(rawBody).digest('hex')}`);
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const JSON_NULL = /^[ \t\n\r]*null[ \t\n\r]*$/;

/**
 * Whether Bolt's parseHTTPRequestBody makes null of a body: a JSON body that is the literal
 * null, or a form whose payload field is. Tested without parsing what cannot be null, since
 * Bolt parses every body again: a slash command's form has no payload field.
 */
function parsesToNull(raw: string, contentType: string | undefined): boolean {
  if (contentType !== 'application/x-www-form-urlencoded') return JSON_NULL.test(raw);
  if (!raw.includes('payload=')) return false;
  const { payload } = parse(raw);
  return typeof payload === 'string' && JSON_NULL.test(payload);
}

/**
 * Slack's ssl_check, sent unsigned when a slash command's URL is saved: Bolt answers it 200.
 * As in Bolt's own verifier, only `ssl_check=1` reaches Bolt, so nothing else the unsigned
 * body carries (a command, a payload) can be run.
 */
const SSL_CHECK = Buffer.from('ssl_check=1');

function isSslCheck(raw: string, contentType: string | undefined): boolean {
  return contentType === 'application/x-www-form-urlencoded' && raw.includes('ssl_check=') && parse(raw).ssl_check === '1';
}

/**
 * Reads the body of a request to the Slack endpoint before Bolt does (up to Bolt's limit, 413
 * beyond), checks its signature (401 when missing, stale or wrong; an ssl_check needs none), and answers 400 to a body
 * that parses to null: Bolt 5.1's HTTPReceiver reads `body.ssl_check` of whatever a body parses
 * to, in a promise nobody awaits, and that unhandled rejection would end the process. Every
 * other request goes to Bolt with the body already read (`rawBody`, which Bolt uses instead of
 * reading again); Bolt's own signature check is then off (see app.ts), unless no secret is given here.
 */
export function guardRequests(
  listener: RequestListener,
  endpoint: string,
  log: Logger,
  /** Without one, Bolt checks signatures (and ssl_check) itself; bench:load measures both ways. */
  signingSecret: string | undefined,
  now: () => number = Date.now,
): RequestListener {
  return (req, res) => {
    // Anything else Bolt routes at once, and may answer with a synchronous throw that its server catches.
    if (req.method !== 'POST' || new URL(req.url ?? '/', 'http://localhost').pathname !== endpoint) {
      listener(req, res);
      return;
    }
    const tooLarge = () => {
      log.warn('Refused a request body over the size limit', { limit: BODY_LIMIT });
      res.writeHead(413, { Connection: 'close' }).end();
      req.resume();
    };
    if (Number(req.headers['content-length'] ?? 0) > BODY_LIMIT) {
      tooLarge();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= BODY_LIMIT) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData);
      req.off('end', onEnd);
      tooLarge();
    };
    const onEnd = () => {
      const rawBody = Buffer.concat(chunks);
      if (signingSecret !== undefined && isSslCheck(rawBody.toString(), req.headers['content-type'])) {
        handOver(SSL_CHECK);
        return;
      }
      if (signingSecret !== undefined && !hasValidSignature(signingSecret, req.headers, rawBody, now())) {
        log.warn('Refused a request with a missing, stale or wrong Slack signature');
        res.writeHead(401).end();
        return;
      }
      if (parsesToNull(rawBody.toString(), req.headers['content-type'])) {
        log.warn('Refused a request whose body is null');
        res.writeHead(400).end();
        return;
      }
      handOver(rawBody);
    };
    const handOver = (rawBody: Buffer) => {
      try {
        listener(Object.assign(req, { rawBody }), res);
      } catch (error) {
        log.error('Could not hand a request to Bolt', { error });
        if (!res.headersSent) res.writeHead(500).end();
      }
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', (error) => log.warn('Could not read a request body', { error }));
  };
}
