import type { ServerResponse } from './node-http.ts';
import type { Route } from './route-server.ts';

/** Each readiness check by name: true when it passes. */
export type ReadinessChecks = Readonly<Record<string, boolean>>;

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

/**
 * GET /healthz: the process is alive (restart it if not). GET /readyz: 200 only when every
 * check passes, else 503 with the failing ones named (send it no traffic yet, or any more).
 * Shaped as Bolt custom routes, and served alone by startRouteServer in Socket Mode.
 */
export function healthRoutes(readiness: () => ReadinessChecks): Route[] {
  return [
    { path: '/healthz', method: 'GET', handler: (_req, res) => json(res, 200, { status: 'ok' }) },
    {
      path: '/readyz',
      method: 'GET',
      handler: (_req, res) => {
        const checks = readiness();
        const ready = Object.values(checks).every(Boolean);
        json(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', checks });
      },
    },
  ];
}
