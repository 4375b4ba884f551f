import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
// Not `from 'node:http'`: see src/http/node-http.ts.
import { type Agent, http } from '../../src/http/node-http.ts';
import type { Prepared } from './requests.ts';

const PER_REQUEST_TIMEOUT_MS = 10_000;

export interface RunFigures {
  readonly sent: number;
  readonly non200: number;
  readonly network: number;
  readonly elapsedMs: number;
  /** Ack latencies (request sent to its answer complete), sorted, in ms. */
  readonly latencies: number[];
  readonly lastAckAt: number;
  readonly firstErrors: string[];
  /** The generator's own event loop delay, max, in ms: a slow ack it caused itself, not the server. */
  readonly generatorDelayMax: number;
}

function post(url: URL, agent: Agent, prepared: Prepared): Promise<{ status: number } | { error: string }> {
  return new Promise((resolve) => {
    const req = http.request(url, { method: 'POST', agent, headers: prepared.headers, timeout: PER_REQUEST_TIMEOUT_MS }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
      res.on('error', (error) => resolve({ error: error.message }));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${PER_REQUEST_TIMEOUT_MS} ms`)));
    req.on('error', (error) => resolve({ error: error.message }));
    req.end(prepared.body);
  });
}

/**
 * `concurrency` clients on keep-alive connections, each sending its next request once the last is
 * answered, until done or the deadline; with `ratePerS`, no faster than that in all.
 */
export async function fire(
  target: string,
  agent: Agent,
  requests: readonly Prepared[],
  concurrency: number,
  deadline: number,
  ratePerS?: number,
): Promise<RunFigures> {
  const url = new URL(target);
  const latencies: number[] = [];
  const firstErrors: string[] = [];
  let next = 0;
  let non200 = 0;
  let network = 0;
  let lastAckAt = 0;
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const start = performance.now();
  const client = async () => {
    while (next < requests.length && performance.now() < deadline) {
      const k = next++;
      const prepared = requests[k]!;
      // Paced: request k leaves at its slot, whatever the answers before it, as Slack's users would send.
      const wait = ratePerS === undefined ? 0 : start + (k * 1000) / ratePerS - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const sent = performance.now();
      const outcome = await post(url, agent, prepared);
      latencies.push(performance.now() - sent);
      lastAckAt = Date.now();
      if ('status' in outcome && outcome.status === 200) continue;
      if ('status' in outcome) non200 += 1;
      else network += 1;
      if (firstErrors.length < 5) firstErrors.push('status' in outcome ? `HTTP ${outcome.status}` : outcome.error);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  const elapsedMs = performance.now() - start;
  loop.disable();
  latencies.sort((a, b) => a - b);
  return { sent: latencies.length, non200, network, elapsedMs, latencies, lastAckAt, firstErrors, generatorDelayMax: loop.max / 1e6 };
}
