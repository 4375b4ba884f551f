import type { AddressInfo } from 'node:net';
import type { IncomingMessage, Server, ServerResponse } from './node-http.ts';
import { http } from './node-http.ts';

/** A GET route, shaped as Bolt's custom routes so the same ones serve on either server. */
export interface Route {
  readonly path: string;
  readonly method: 'GET';
  readonly handler: (req: IncomingMessage, res: ServerResponse) => void;
}

export interface RouteServer {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * A small server of its own for routes that must not share the Slack port: health in
 * Socket Mode (which has no HTTP server), metrics always (never exposed with Slack's).
 */
export async function startRouteServer(routes: readonly Route[], port: number, host?: string): Promise<RouteServer> {
  const server: Server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const route = routes.find((r) => r.path === path && r.method === req.method);
    if (route) {
      route.handler(req, res);
      return;
    }
    res.writeHead(404, { 'Content-Type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ status: 'not found' }));
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
