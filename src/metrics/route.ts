import type { Registry } from 'prom-client';
import type { Route } from '../http/route-server.ts';

/** GET /metrics in Prometheus's text format. */
export function metricsRoute(registry: Registry): Route {
  return {
    path: '/metrics',
    method: 'GET',
    handler: (_req, res) => {
      registry.metrics().then(
        (text) => {
          res.writeHead(200, { 'Content-Type': registry.contentType });
          res.end(text);
        },
        () => {
          res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
          res.end('metrics unavailable\n');
        },
      );
    },
  };
}
