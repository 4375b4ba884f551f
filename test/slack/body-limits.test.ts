import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderAnswer } from '../../src/blocks/answer.ts';
import { renderHome } from '../../src/blocks/home.ts';
import { createBot } from '../../src/bot/answer.ts';
import { parseCommand } from '../../src/bot/command.ts';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import { PROJECT_ROOT } from '../../src/config.ts';
import { createLogger } from '../../src/log/logger.ts';
import { createSearcher } from '../../src/search/searcher.ts';
import { BODY_LIMIT, guardRequests } from '../../src/slack/body-guard.ts';
import { postSigned, signSlackRequest } from '../helpers/signed-request.ts';
import { eventually, type Harness, harnessPerTest, SIGNING_SECRET } from './harness.ts';

/**
 * Memory bounded by design: what cannot be Slack is refused before its body is read, a body
 * is capped, all bodies together are capped, and one that stalls is cut.
 */
const start = harnessPerTest({ mode: 'http' });

interface Exchange {
  /** Resolves with the status once the server answers, whether or not the body was finished. */
  readonly status: Promise<number>;
  /** Resolves when the server has closed the connection. */
  readonly closed: Promise<void>;
  write(bytes: number): void;
}

/** A request whose body is written by hand, a piece at a time, and may never end. */
function openRequest(url: string, headers: Record<string, string>): Exchange {
  const req = http.request(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers } });
  req.on('error', () => {});
  const status = new Promise<number>((resolve) =>
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }),
  );
  const closed = new Promise<void>((resolve) => req.on('close', resolve));
  req.flushHeaders();
  return { status, closed, write: (bytes) => req.write(Buffer.alloc(bytes, 0x61)) };
}

const fresh = () => String(Math.floor(Date.now() / 1000));
const forged = () => ({ 'X-Slack-Request-Timestamp': fresh(), 'X-Slack-Signature': `v0=${'0'.repeat(64)}` });
const warnedAbout = (h: Harness, msg: string) => h.logs.filter((line) => line.level === 'warn' && line.msg === msg);

describe('before a body is read', () => {
  it('answers 401 to a request with no Slack signature while its body is still arriving', async () => {
    const h = await start();
    const request = openRequest(`${h.url}/slack/events`, {});
    request.write(64 * 1024);
    // The body never ends: only a refusal made without reading it can answer.
    expect(await request.status).toBe(401);
    await request.closed;
    expect(warnedAbout(h, 'Refused a request with a missing, stale or wrong Slack signature')).toHaveLength(1);
  });

  it('answers 401 to a stale timestamp or a signature that is not one, declared 4 MB, at once', async () => {
    const h = await start();
    const stale = openRequest(`${h.url}/slack/events`, {
      'X-Slack-Request-Timestamp': String(Math.floor(Date.now() / 1000) - 3600),
      'X-Slack-Signature': `v0=${'0'.repeat(64)}`,
      'Content-Length': String(4 * 1024 * 1024),
    });
    const garbage = openRequest(`${h.url}/slack/events`, {
      'X-Slack-Request-Timestamp': fresh(),
      'X-Slack-Signature': 'hello',
      'Content-Length': String(4 * 1024 * 1024),
    });
    expect(await Promise.all([stale.status, garbage.status])).toEqual([401, 401]);
  });

  it('still answers the unsigned ssl_check Slack sends when a command URL is saved', async () => {
    const h = await start();
    const response = await fetch(`${h.url}/slack/events`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'ssl_check=1&token=legacy',
    });
    expect(response.status).toBe(200);
  });
});

describe('while a body is read', () => {
  it('cuts a signed-looking body that stalls, and keeps answering', async () => {
    const h = await start();
    const request = openRequest(`${h.url}/slack/events`, forged());
    request.write(1024);
    expect(await request.status).toBe(408);
    await request.closed;
    expect(warnedAbout(h, 'Cut a request body that was still arriving')).toHaveLength(1);
    const after = await postSigned(`${h.url}/slack/events`, {
      secret: SIGNING_SECRET,
      body: new URLSearchParams({ ssl_check: '1' }).toString(),
    });
    expect(after.status).toBe(200);
  });

  it('refuses bodies beyond what all requests may hold at once with 503, and takes them again once those are gone', async () => {
    const log = createLogger({ level: 'error', write: () => {} });
    const handled: string[] = [];
    const server = http.createServer(
      guardRequests(
        (req, res) => {
          handled.push(String((req as { rawBody?: Buffer }).rawBody?.length));
          res.end();
        },
        { endpoint: '/slack/events', log, signingSecret: SIGNING_SECRET, bufferedLimit: 100_000, bodyTimeoutMs: 60_000 },
      ),
    );
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
    try {
      for (const request of [openRequest(url, forged()), openRequest(url, forged())]) request.write(45_000);
      // Once both are being read, one more body no longer fits (each probe left open holds its share too).
      await eventually(async () => {
        const probe = openRequest(url, forged());
        probe.write(20_000);
        return (await Promise.race([probe.status, new Promise<number>((resolve) => setTimeout(resolve, 100, 0))])) === 503;
      });
      // Clients gone free what they held: a body as large is read to the end again.
      server.closeAllConnections();
      const body = JSON.stringify({ type: 'url_verification', challenge: 'x'.repeat(60_000) });
      await eventually(async () => {
        const timestamp = Math.floor(Date.now() / 1000);
        const response = await fetch(url, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            'X-Slack-Request-Timestamp': String(timestamp),
            'X-Slack-Signature': signSlackRequest(SIGNING_SECRET, body, timestamp),
          },
          body,
        });
        return response.status === 200;
      });
      expect(handled).toEqual([String(Buffer.byteLength(body))]);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('answers 400 to a null payload however its field name is encoded', async () => {
    const h = await start();
    const bodies = ['payload=null', '%70ayload=null', 'pay%6Coad=%6Eull', 'payload=%20null%20'];
    const responses = await Promise.all(
      bodies.map((body) =>
        postSigned(`${h.url}/slack/events`, { secret: SIGNING_SECRET, body, contentType: 'application/x-www-form-urlencoded' }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual([400, 400, 400, 400]);
    expect(warnedAbout(h, 'Refused a request whose body is null')).toHaveLength(4);
  });
});

describe('the body limit', () => {
  it('holds four times the largest block action our own messages and Home tab can produce', async () => {
    const catalogue = await loadCatalogue(path.join(PROJECT_ROOT, 'data'));
    const bot = createBot({ catalogue, searcher: createSearcher(catalogue) });
    let largest = 0;
    for (const language of ['en', 'fr'] as const) {
      const answers = [
        ...catalogue.talks.map((talk) => bot.answer(parseCommand(talk.title), talk.title)),
        bot.answer(parseCommand('help'), 'help'),
        bot.answer(parseCommand('topics'), 'topics'),
        ...catalogue.editions.map((edition) => bot.answer(parseCommand(`takeaways ${edition.id}`), `takeaways ${edition.id}`)),
      ];
      const topics = catalogue.topics.map((topic) => ({ topic, count: 1 }));
      for (const answer of answers) {
        const message = renderAnswer(answer, { language, catalogue, ephemeral: false });
        const home = renderHome({ language, catalogue, topics, results: answer, now: new Date() });
        // A block action carries the message (or the view) its button sits on, and its state.
        const payload = { type: 'block_actions', message, view: { ...home, state: { values: {} } }, actions: [{}] };
        largest = Math.max(largest, new URLSearchParams({ payload: JSON.stringify(payload) }).toString().length);
      }
    }
    expect(largest).toBeGreaterThan(5000);
    expect(largest * 4).toBeLessThan(BODY_LIMIT);
  });
});
