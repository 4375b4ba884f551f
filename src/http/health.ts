import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Each readiness check by name: true when it passes. */
export type ReadinessChecks = Readonly<Record<string, boolean>>;

export interface HealthRoute {
  readonly path: string;
  readonly method: 'GET';
  readonly handler: (req: IncomingMessage, res: ServerResponse) => void;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

/**
 * GET /healthz: the process is alive (restart it if not). GET /readyz: 200 only when every
 * check passes, else 503 with the failing ones named (send it no traffic yet, or any more).
 * Shaped as Bolt custom routes, and served alone by startHealthServer in Socket Mode.
 */
export function healthRoutes(readiness: () => ReadinessChecks): HealthRoute[] {
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

export interface HealthServer {
  readonly port: number;
  close(): Promise<void>;
}

/** Socket Mode has no HTTP server of its own: this one serves the health routes on HEALTH_PORT. */
export async function startHealthServer(routes: readonly HealthRoute[], port: number, host?: string): Promise<HealthServer> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const route = routes.find((r) => r.path === path && r.method === req.method);
    if (route) route.handler(req, res);
    else json(res, 404, { status: 'not found' });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
