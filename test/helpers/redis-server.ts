import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe } from 'vitest';
import { freePort } from './free-port.ts';

function onPath(binary: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${binary}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export const HAS_REDIS = onPath('redis-server');
const HOW_TO_INSTALL =
  'redis-server is not on PATH: the Redis tests are skipped. Install it (apt-get install redis-server, brew install redis) to run them.';

/**
 * `describe` for tests that need a real redis-server: skipped with a line saying how to
 * install it on a machine without one, and a failure under CI, where a skip would hide them.
 */
export function describeWithRedis(name: string, tests: () => void): void {
  if (HAS_REDIS) {
    describe(name, tests);
    return;
  }
  if (process.env.CI) throw new Error(`CI must run the Redis tests, but ${HOW_TO_INSTALL}`);
  console.warn(HOW_TO_INSTALL);
  describe.skip(name, tests);
}

export interface RedisServer {
  readonly url: string;
  readonly port: number;
  /** Like a crash: the server is gone, connections drop. */
  stop(): Promise<void>;
  /** Back on the same port, empty (no persistence in tests). */
  start(): Promise<void>;
}

/** A redis-server of its own for a test, on a free loopback port, with no persistence; stopped after the test. */
const running = new Set<RedisServer>();
afterEach(async () => {
  await Promise.all([...running].map((server) => server.stop()));
  running.clear();
});

export async function startRedis({ password }: { readonly password?: string } = {}): Promise<RedisServer> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const server: RedisServer = {
    url: `redis://${password ? `:${password}@` : ''}127.0.0.1:${port}/0`,
    port,
    async start() {
      const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--loglevel', 'warning'];
      if (password) args.push('--requirepass', password);
      const started = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'inherit'] });
      child = started;
      // Ready once it takes connections: ask until it answers.
      for (let attempt = 0; attempt < 200; attempt += 1) {
        try {
          execFileSync('redis-cli', ['-p', String(port), ...(password ? ['-a', password, '--no-auth-warning'] : []), 'ping'], {
            stdio: 'pipe',
          });
          return;
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
      }
      throw new Error(`redis-server did not start on port ${port}`);
    },
    async stop() {
      const current = child;
      child = undefined;
      if (current === undefined || current.exitCode !== null) return;
      const exited = once(current, 'exit');
      current.kill('SIGKILL');
      await exited;
    },
  };
  await server.start();
  running.add(server);
  return server;
}
