import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The V8 sizing flags (--max-...) the container starts the bot with, from the Dockerfile's CMD. */
export function deployedV8Flags(root: string): string {
  const dockerfile = readFileSync(path.join(root, 'Dockerfile'), 'utf8');
  const cmd = /^CMD (\[.*\])$/m.exec(
    dockerfile
      .split('\n')
      .filter((line) => !line.startsWith(' '))
      .join('\n'),
  );
  if (!cmd) throw new Error("bench:load: no CMD in the Dockerfile to take the bot's node flags from");
  return (JSON.parse(cmd[1]!) as string[]).filter((arg) => arg.startsWith('--max-')).join(' ');
}
