import { afterEach, describe, expect, it } from 'vitest';
import { type RouteServer, startRouteServer } from '../../src/http/route-server.ts';
import { createMetrics, timedSearcher } from '../../src/metrics/metrics.ts';
import { metricsRoute } from '../../src/metrics/route.ts';
import type { Searcher } from '../../src/search/searcher.ts';
import { postSigned, slashCommandBody } from '../helpers/signed-request.ts';
import { type Harness, SIGNING_SECRET, startHarness } from '../slack/harness.ts';

let harness: Harness | undefined;
let server: RouteServer | undefined;

afterEach(async () => {
  await harness?.close();
  await server?.close();
  harness = undefined;
  server = undefined;
});

/** The value of one series in Prometheus's text format, or undefined when it is absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('Prometheus metrics', () => {
  it('counts Slack requests by kind and outcome, and serves them on a port of their own', async () => {
    const metrics = createMetrics();
    harness = await startHarness({ mode: 'http', metrics });
    server = await startRouteServer([metricsRoute(metrics.registry)], 0, '127.0.0.1');
    const h = harness;
    const send = (text: string, responseId: string) =>
      postSigned(`${h.url}/slack/events`, {
        secret: SIGNING_SECRET,
        body: slashCommandBody({ text, response_url: h.fake.responseUrl(responseId) }),
      });

    await send('karpenter', 'ok-1');
    await h.fake.waitForCall('response_url', (call) => call.responseId === 'ok-1');
    // Every attempt at the answer and at the apology fails (three each in these tests): the request failed.
    h.fake.failNext('response_url', { status: 500 }, 6);
    await send('keda', 'fail-1');
    await h.fake.waitForCall('response_url', (call) => call.responseId === 'fail-1' && call.fault !== undefined);
    let text = '';
    for (let tries = 0; tries < 50 && sample(text, 'kubecon_requests_total{kind="command",outcome="error"}') === undefined; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      const response = await fetch(`http://127.0.0.1:${server.port}/metrics`);
      expect(response.headers.get('content-type')).toContain('text/plain');
      text = await response.text();
    }

    expect(sample(text, 'kubecon_requests_total{kind="command",outcome="ok"}')).toBe(1);
    expect(sample(text, 'kubecon_requests_total{kind="command",outcome="error"}')).toBe(1);
    expect(sample(text, 'kubecon_answer_duration_seconds_count{kind="command"}')).toBe(2);
    expect(sample(text, 'kubecon_digests_total{outcome="posted"}')).toBe(0);
    // Nothing that tells the runtime or the host.
    expect(text).not.toMatch(/nodejs_|process_|version/);
    // The Slack port does not serve them.
    expect((await fetch(`${h.url}/metrics`)).status).toBe(404);
  });

  it('times every search and counts digests', async () => {
    const metrics = createMetrics();
    const searcher = {
      search: (query: string) => ({
        query: {} as never,
        hits:
          query === 'boom'
            ? (() => {
                throw new Error('boom');
              })()
            : [],
      }),
      suggestTopics: () => [],
      context: {} as never,
    } as Searcher;
    const timed = timedSearcher(searcher, metrics);
    timed.search('a');
    expect(() => timed.search('boom')).toThrow('boom');
    metrics.digest('posted');
    metrics.digest('failed');
    metrics.digest('posted');
    const text = await metrics.registry.metrics();

    expect(sample(text, 'kubecon_search_duration_seconds_count')).toBe(2);
    expect(sample(text, 'kubecon_digests_total{outcome="posted"}')).toBe(2);
    expect(sample(text, 'kubecon_digests_total{outcome="failed"}')).toBe(1);
  });
});
