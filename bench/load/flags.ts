import { parseArgs } from 'node:util';
import type { Role } from './protocol.ts';
import { variants } from './variants.ts';

export interface Flags {
  readonly role: Role | 'main';
  readonly requests: number;
  readonly concurrency: number;
  readonly timeoutS: number;
  readonly profile: boolean;
  readonly botNodeOptions: string | undefined;
  readonly fromSource: boolean;
  /** CI's bounded run: only errors and answers decide the exit code, since timings on a shared machine do not. */
  readonly smoke: boolean;
  /** Names in ./variants.ts, each measured after the bot, in order. */
  readonly variants: readonly string[];
  /** A share of Slack calls (percent) that fail: the bot alone is run, and who got what is counted. */
  readonly faults: number;
  /** Hostile bodies instead of load: peak RSS under 100 unsigned 4 MB bodies at once. */
  readonly bodies: boolean;
}

const ROLES: readonly Flags['role'][] = ['main', 'bare', 'bolt', 'bot', 'fake'];

export function parseFlags(args: string[] = process.argv.slice(2)): Flags {
  const { values } = parseArgs({
    args,
    options: {
      role: { type: 'string', default: 'main' },
      requests: { type: 'string', default: '5000' },
      concurrency: { type: 'string', default: '50' },
      timeout: { type: 'string', default: '50' },
      profile: { type: 'boolean', default: false },
      'bot-node-options': { type: 'string' },
      'from-source': { type: 'boolean', default: false },
      smoke: { type: 'boolean', default: false },
      variant: { type: 'string', multiple: true, default: [] },
      faults: { type: 'string', default: '0' },
      bodies: { type: 'boolean', default: false },
    },
  });
  const role = ROLES.find((known) => known === values.role);
  if (role === undefined) throw new Error(`--role must be one of ${ROLES.join(', ')}`);
  const requests = Number(values.requests);
  const concurrency = Number(values.concurrency);
  const timeoutS = Number(values.timeout);
  if (!Number.isInteger(requests) || requests < 1 || requests > 200_000)
    throw new Error('--requests must be a whole number from 1 to 200000');
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 1000)
    throw new Error('--concurrency must be a whole number from 1 to 1000');
  // Each server's bodies are signed just before its run; a run must end well before Bolt calls them stale.
  if (!(timeoutS > 0 && timeoutS <= 240)) throw new Error('--timeout must be a number of seconds from 1 to 240');
  const faults = Number(values.faults);
  if (!(faults >= 0 && faults <= 90)) throw new Error('--faults must be a percentage from 0 to 90');
  const unknown = values.variant.filter((name) => !Object.hasOwn(variants, name));
  if (unknown.length > 0)
    throw new Error(`--variant ${unknown.join(', ')}: no such variant in bench/load/variants.ts (${Object.keys(variants).join(', ')})`);
  return {
    role,
    requests,
    concurrency,
    timeoutS,
    profile: values.profile,
    botNodeOptions: values['bot-node-options'],
    fromSource: values['from-source'],
    smoke: values.smoke,
    variants: values.variant,
    faults,
    bodies: values.bodies,
  };
}
