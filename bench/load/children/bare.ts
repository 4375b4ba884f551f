import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
// Not `from 'node:http'`: that import alone loads Node's bundled undici into every server measured here (see src/http/node-http.ts).
import { http } from '../../../src/http/node-http.ts';
import { MAX_SIGNATURE_AGE_S, SIGNING_SECRET } from '../fixture.ts';
import { serve } from './serve.ts';

/** The upper bound: read the body, check the v0 signature as Slack documents it, answer 200. */
export async function runBare(): Promise<void> {
  const key = Buffer.from(SIGNING_SECRET);
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const timestamp = Number(req.headers['x-slack-request-timestamp']);
      const signature = Buffer.from(String(req.headers['x-slack-signature'] ?? ''));
      const expected = Buffer.from(
        `v0=${createHmac('sha256', key).update(`v0:${timestamp}:`).update(Buffer.concat(chunks)).digest('hex')}`,
      );
      const fresh = Math.abs(Date.now() / 1000 - timestamp) <= MAX_SIGNATURE_AGE_S;
      const valid = fresh && signature.length === expected.length && timingSafeEqual(signature, expected);
      res.writeHead(valid ? 200 : 401).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  serve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`);
}
