import { parse } from 'node:querystring';
import type { RequestListener } from '../http/node-http.ts';
import type { Logger } from '../log/logger.ts';

/** HTTPReceiver's own default limit; this guard reads the body before Bolt does, so it applies it. */
export const BODY_LIMIT = 4 * 1024 * 1024;

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
 * Reads the body of a request to the Slack endpoint before Bolt does (up to Bolt's limit, 413
 * beyond) and answers 400 to a body that parses to null: Bolt 5.1's HTTPReceiver reads
 * `body.ssl_check` of whatever a body parses to, in a promise nobody awaits, and that
 * unhandled rejection would end the process. Every other request goes to Bolt with the body
 * already read (`rawBody`, which Bolt verifies and parses instead of reading it again).
 */
export function guardRequests(listener: RequestListener, endpoint: string, log: Logger): RequestListener {
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
