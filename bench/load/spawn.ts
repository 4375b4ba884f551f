import { type ChildProcess, fork } from 'node:child_process';
import type { ChildMessage, Role } from './protocol.ts';

export interface Child {
  readonly url: string;
  ask<T extends ChildMessage['type']>(type: T): Promise<Extract<ChildMessage, { type: T }>>;
  stop(): void;
}

export type Spawn = (role: Role, env?: Record<string, string>, execArgv?: string[]) => Promise<Child>;

/** Starts each role as `entry --role <role>`, a process of its own, and waits until it is ready. */
export function spawner(entry: string): Spawn {
  return async (role, env = {}, execArgv = []) => {
    const child: ChildProcess = fork(entry, ['--role', role], {
      env: { ...process.env, ...env },
      execArgv,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const next = <T extends ChildMessage['type']>(type: T) =>
      new Promise<Extract<ChildMessage, { type: T }>>((resolve, reject) => {
        const onMessage = (message: ChildMessage) => {
          if (message.type !== type) return;
          child.off('message', onMessage);
          child.off('exit', onExit);
          resolve(message as Extract<ChildMessage, { type: T }>);
        };
        const onExit = (code: number | null) => reject(new Error(`the ${role} process exited (${code}) before sending "${type}"`));
        child.on('message', onMessage);
        child.once('exit', onExit);
      });
    const ready = await next('ready');
    return {
      url: ready.url,
      ask(type) {
        const answer = next(type);
        child.send({ type });
        return answer;
      },
      stop() {
        if (child.connected) child.send({ type: 'exit' });
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      },
    };
  };
}
