import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackFetch } from '../../src/http/slack-fetch.ts';

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

let server: Server;
let base: string;
const received: Received[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      if (req.url === '/slow') return void setTimeout(() => res.end('late'), 2000);
      if (req.url === '/empty') return void res.writeHead(204).end();
      if (req.url === '/limited') return void res.writeHead(429, 'Too Many Requests', { 'retry-after': '7' }).end('{"ok":false}');
      res.setHeader('set-cookie', ['a=1', 'b=2']);
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ ok: true, echo: Buffer.concat(chunks).toString('utf8') }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('slackFetch', () => {
  const post = slackFetch(1000);

  it('posts a JSON string as Bolt’s respond() does, and gives back a Response', async () => {
    const body = JSON.stringify({ text: 'Éphémères’ 😀', response_type: 'ephemeral' });
    const response = await post(`${base}/hook`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });

    const request = received.at(-1)!;
    expect(request).toMatchObject({ method: 'POST', url: '/hook', body });
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['content-length']).toBe(String(Buffer.byteLength(body)));
    expect(response.ok).toBe(true);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('set-cookie')).toBe('a=1, b=2');
    expect(await response.json()).toEqual({ ok: true, echo: body });
  });

  it('sends a form body as a form, as the Web API client does', async () => {
    await post(new URL(`${base}/api/chat.postMessage`), { method: 'POST', body: new URLSearchParams({ channel: 'C1', text: 'a&b' }) });

    const request = received.at(-1)!;
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded;charset=UTF-8');
    expect(new URLSearchParams(request.body).get('text')).toBe('a&b');
  });

  it('takes headers in every form fetch does', async () => {
    for (const headers of [new Headers({ 'X-Kind': 'a' }), [['X-Kind', 'a']] as [string, string][], { 'X-Kind': 'a' }]) {
      await post(`${base}/hook`, { method: 'POST', headers, body: '{}' });
      expect(received.at(-1)!.headers['x-kind']).toBe('a');
    }
  });

  it('passes statuses and headers through: 429 with Retry-After, 204 with no body', async () => {
    const limited = await post(`${base}/limited`, { method: 'POST', body: '{}' });
    expect([limited.status, limited.statusText, limited.headers.get('retry-after')]).toEqual([429, 'Too Many Requests', '7']);
    expect(limited.ok).toBe(false);

    const empty = await post(`${base}/empty`, { method: 'POST', body: '{}' });
    expect(empty.status).toBe(204);
    expect(empty.body).toBeNull();
  });

  it('gives up after its timeout with a TimeoutError, as fetch does, and honours a caller’s signal', async () => {
    const quick = slackFetch(100);
    await expect(quick(`${base}/slow`, { method: 'POST', body: '{}' })).rejects.toMatchObject({ name: 'TimeoutError' });

    const controller = new AbortController();
    const pending = post(`${base}/slow`, { method: 'POST', body: '{}', signal: controller.signal });
    controller.abort(new Error('stopped by the caller'));
    await expect(pending).rejects.toThrow('stopped by the caller');
  });

  it('rejects when nothing listens, rather than hanging', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    await expect(post(url, { method: 'POST', body: '{}' })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('leaves bodies it does not handle to fetch (file uploads)', async () => {
    const response = await post(`${base}/upload`, { method: 'POST', body: new Blob(['file bytes']) });

    expect(response.status).toBe(200);
    expect(received.at(-1)!.body).toBe('file bytes');
  });
});
