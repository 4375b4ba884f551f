import { createHmac, timingSafeEqual } from 'node:crypto';
import { parse } from 'node:querystring';
import type { IncomingHttpHeaders, RequestListener } from '../http/node-http.ts';
import type { Logger } from '../log/logger.ts';

/**
 * The largest body this endpoint reads. Slack's own are far smaller: a slash command is a
 * few hundred bytes of form, a block action carries the message its button sits on (ours
 * stay under 40 KB encoded, test/slack/body-limits.test.ts measures the largest) and the
 * App Home view. A message shortcut will carry someone else's message: 40,000 characters of
 * text twice over (text and blocks), percent-encoded, still fits.
 */
export const BODY_LIMIT = 1024 * 1024;

/** What every request being read may hold at once, together: beyond it, 503 until some finish. */
export const BUFFERED_LIMIT = 8 * 1024 * 1024;

/** An unsigned body can only be Slack's ssl_check (`ssl_check=1&token=...`): a few bytes. */
const UNSIGNED_LIMIT = 4096;

/** Slack's replay window: a request signed longer ago than this (or that far ahead) is refused. */
const MAX_CLOCK_SKEW_S = 300;

/** Slack sends a body at once; one still arriving after this is cut (a slowloris holds nothing). */
export const BODY_TIMEOUT_MS = 5000;

/**
 * Slack's request signature: HMAC-SHA256 of `v0:{timestamp}:{body}` with the signing secret.
 * One HMAC and a constant-time compare; Bolt's own check costs three HMACs a request
 * (docs/decisions/0007-signature-check.md has the figures).
 */
export function hasValidSignature(secret: string, headers: IncomingHttpHeaders, rawBody: Buffer, nowMs: number): boolean {
  const timestamp = headers['x-slack-request-timestamp'];
  const signature = headers['x-slack-signature'];
  if (!plausiblySigned(headers, nowMs) || typeof timestamp !== 'string' || typeof signature !== 'string') return false;
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
  // Parsed, not searched: `%70ayload=null` is a payload field too once decoded.
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

export interface GuardOptions {
  readonly endpoint: string;
  readonly log: Logger;
  /** Without one, Bolt checks signatures (and ssl_check) itself; bench:load measures both ways. */
  readonly signingSecret: string | undefined;
  readonly now?: () => number;
  readonly bodyTimeoutMs?: number;
  readonly bufferedLimit?: number;
}

/** Signature headers that could be Slack's, checked before a byte of the body is read. */
function plausiblySigned(headers: IncomingHttpHeaders, nowMs: number): boolean {
  const timestamp = headers['x-slack-request-timestamp'];
  const signature = headers['x-slack-signature'];
  return (
    typeof timestamp === 'string' &&
    /^\d{1,12}$/.test(timestamp) &&
    Math.abs(nowMs / 1000 - Number(timestamp)) <= MAX_CLOCK_SKEW_S &&
    typeof signature === 'string' &&
    /^v0=[0-9a-f]{64}$/.test(signature)
  );
}

/**
 * Reads the body of a request to the Slack endpoint before Bolt does, with memory bounded
 * by design: a request whose headers cannot be Slack's is read only as far as an ssl_check
 * could go, a body is capped at BODY_LIMIT (413), all bodies being read at once at
 * BUFFERED_LIMIT (503), and a body that stalls is cut. It then checks the signature (401 when
 * missing, stale or wrong; an ssl_check needs none), and answers 400 to a body that parses to
 * null: Bolt 5.1's HTTPReceiver reads `body.ssl_check` of whatever a body parses to, in a
 * promise nobody awaits, and that unhandled rejection would end the process. Every other
 * request goes to Bolt with the body already read (`rawBody`, which Bolt uses instead of
 * reading again); Bolt's own signature check is then off (see app.ts), unless no secret is given here.
 */
export function guardRequests(listener: RequestListener, options: GuardOptions): RequestListener {
  const { endpoint, log, signingSecret, now = Date.now, bodyTimeoutMs = BODY_TIMEOUT_MS, bufferedLimit = BUFFERED_LIMIT } = options;
  let buffered = 0;
  return (req, res) => {
    // Anything else Bolt routes at once, and may answer with a synchronous throw that its server catches.
    if (req.method !== 'POST' || new URL(req.url ?? '/', 'http://localhost').pathname !== endpoint) {
      listener(req, res);
      return;
    }
    const limit = signingSecret === undefined || plausiblySigned(req.headers, now()) ? BODY_LIMIT : UNSIGNED_LIMIT;
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const release = () => {
      buffered -= size;
      size = 0;
      chunks.length = 0;
    };
    const timer = setTimeout(() => {
      log.warn('Cut a request body that was still arriving', { timeoutMs: bodyTimeoutMs });
      refuse(408, 'timeout');
    }, bodyTimeoutMs);
    // Anything refused is answered with Connection: close, and the rest of its body left unread
    // (Node closes the socket once the answer is out); a socket still open later is destroyed.
    const refuse = (status: number, reason: 'timeout' | 'size' | 'busy' | 'unsigned') => {
      settled = true;
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      release();
      if (!res.headersSent) res.writeHead(status, { Connection: 'close', ...(reason === 'busy' ? { 'Retry-After': '1' } : {}) });
      res.end();
      if (reason === 'timeout') {
        req.destroy();
        return;
      }
      req.pause();
      const cut = setTimeout(() => req.destroy(), bodyTimeoutMs);
      req.once('close', () => clearTimeout(cut));
    };
    const refuseSize = () => {
      if (limit === UNSIGNED_LIMIT) {
        log.warn('Refused a request with a missing, stale or wrong Slack signature');
        refuse(401, 'unsigned');
      } else {
        log.warn('Refused a request body over the size limit', { limit });
        refuse(413, 'size');
      }
    };
    const onData = (chunk: Buffer) => {
      if (size + chunk.length > limit) {
        refuseSize();
        return;
      }
      if (buffered + chunk.length > bufferedLimit) {
        log.warn('Refused a request body: too many bodies being read at once', { limit: bufferedLimit });
        refuse(503, 'busy');
        return;
      }
      size += chunk.length;
      buffered += chunk.length;
      chunks.push(chunk);
    };
    const onEnd = () => {
      settled = true;
      clearTimeout(timer);
      const rawBody = Buffer.concat(chunks);
      release();
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
    if (Number(req.headers['content-length'] ?? 0) > limit) {
      refuseSize();
      return;
    }
    req.on('data', onData);
    req.on('end', onEnd);
    // A client gone mid-body: what it sent so far is let go.
    req.on('close', () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      release();
    });
    req.on('error', (error) => log.warn('Could not read a request body', { error }));
  };
}
