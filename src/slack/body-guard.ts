import type { RequestListener } from 'node:http';
import { parse } from 'node:querystring';
import type { Logger } from '../log/logger.ts';

/** HTTPReceiver's own default limit; this guard reads the body before Bolt does, so it applies it. */
export const BODY_LIMIT = 4 * 1024 * 1024;

/** What Bolt's parseHTTPRequestBody makes of a body; undefined when it cannot parse it (Bolt then answers 400 itself). */
function asBoltParses(raw: string, contentType: string | undefined): unknown {
  try {
    if (contentType === 'application/x-www-form-urlencoded') {
      const { payload } = parse(raw);
      return typeof payload === 'string' ? JSON.parse(payload) : {};
    }
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

/**
 * Bolt 5.1's HTTPReceiver reads `body.ssl_check` of whatever a body parses to, in a promise
 * nobody awaits: a signed body of `null` (or `payload=null`) is an unhandled rejection, and
 * Node ends the process. This reads the body first (up to Bolt's limit, 413 beyond), answers
 * 400 to one that parses to null, and hands every other request to Bolt with the body already
 * read (`rawBody`, which Bolt uses instead of reading again), signature check included.
 */
export function refuseNullBodies(listener: RequestListener, endpoint: string, log: Logger): RequestListener {
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
      if (asBoltParses(rawBody.toString(), req.headers['content-type']) === null) {
        log.warn('Refused a request whose body is null');
        res.writeHead(400).end();
        return;
      }
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
