import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import { LANGUAGES } from '../catalogue/schema.ts';

const channelId = z.string().regex(/^[A-Z0-9]+$/, 'expected a Slack channel id');
const instant = z.iso.datetime();

const HistorySchema = z.object({ cycle: z.number().int().min(0), seen: z.array(z.string()) });

const StateSchema = z.object({
  version: z.literal(1),
  /** Channels subscribed with `/kubecon digest subscribe`; DIGEST_CHANNELS are not stored. */
  subscriptions: z.record(
    channelId,
    z.object({
      /** The user who subscribed the channel. */
      by: z.string().min(1),
      at: instant,
      /** The subscriber's language: the channel's digests are written in it. */
      language: z.enum(LANGUAGES),
    }),
  ),
  /** What each channel has seen, and its last and in-progress digests. */
  channels: z.record(
    channelId,
    HistorySchema.extend({
      last: z.object({ slot: instant, ts: z.string(), theme: z.string() }).optional(),
      /**
       * Written before chat.postMessage, cleared once its ts is recorded: found at start-up
       * it means a post may or may not have reached Slack, and Slack is asked before any retry.
       */
      pending: z
        .object({ slot: instant, theme: z.string(), talks: z.array(z.string()).min(1), next: HistorySchema, startedAt: instant })
        .optional(),
    }),
  ),
});

export type DigestState = z.infer<typeof StateSchema>;
export type ChannelState = DigestState['channels'][string];
export type PendingDigest = NonNullable<ChannelState['pending']>;
export type Subscription = DigestState['subscriptions'][string];

export const EMPTY_STATE: DigestState = { version: 1, subscriptions: {}, channels: {} };

/**
 * Where the digest keeps its state. Small on purpose, so that another backend (a database, a
 * ConfigMap) is one function pair away: `update` must apply changes one at a time, each to the
 * latest state, and save it whole or not at all.
 */
export interface DigestStore {
  /** Where the state lives, for logs and messages. */
  readonly location: string;
  /** The current state; the empty state when nothing was ever saved. */
  read(): Promise<DigestState>;
  /** Saves `change(latest state)`; a change that returns its input unchanged writes nothing. */
  update(change: (state: DigestState) => DigestState): Promise<DigestState>;
}

/** The state file cannot be used; the message names the file and how to fix it. */
export class DigestStateError extends Error {
  override readonly name = 'DigestStateError';
}

export const STATE_FILE = 'digest-state.json';

export interface FileStoreOptions {
  /** Tests pass a hook that throws once the temporary file exists, to stand for a crash mid-write. */
  readonly tmpfileCreated?: (tmpfile: string) => Promise<void>;
}

/**
 * The default store: one JSON file under DATA_DIR, validated on every read and replaced
 * atomically by write-file-atomic (temporary file in the same directory, fsync, rename), so a crash mid-write
 * leaves the previous state readable. It is read afresh for each change, so the bot and a
 * `npm run digest` run see each other's changes. A file it cannot read stops it; it is never
 * silently replaced, which would forget every subscription.
 */
export function createFileDigestStore(file: string, { tmpfileCreated }: FileStoreOptions = {}): DigestStore {
  let queue: Promise<unknown> = Promise.resolve();
  const howToFix =
    `The bot will not overwrite it. Restore it from a backup, correct it by hand, or move it aside (mv ${file} ${file}.broken) ` +
    'to start over, which forgets every subscription and what each channel has seen.';

  async function read(): Promise<DigestState> {
    let raw: string;
    try {
      raw = await readFile(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return EMPTY_STATE;
      throw new DigestStateError(
        `Cannot read the digest state file ${file} (${code ?? String(error)}): make it readable by the bot's user.`,
      );
    }
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (error) {
      throw new DigestStateError(`The digest state file ${file} is not valid JSON (${(error as Error).message}). ${howToFix}`);
    }
    const parsed = StateSchema.safeParse(json);
    if (!parsed.success) {
      const problems = parsed.error.issues.slice(0, 5).map((issue) => `${issue.path.join('.') || '(top level)'}: ${issue.message}`);
      throw new DigestStateError(`The digest state file ${file} is not a digest state (${problems.join('; ')}). ${howToFix}`);
    }
    return parsed.data;
  }

  function update(change: (state: DigestState) => DigestState): Promise<DigestState> {
    const run = queue.then(async () => {
      const current = await read();
      const next = change(current);
      if (next === current) return current;
      // What this store writes, it must be able to read back: a bad change fails here, not at every start from now on.
      const valid = StateSchema.parse(next);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFileAtomic(file, `${JSON.stringify(valid, null, 2)}\n`, { mode: 0o600, ...(tmpfileCreated ? { tmpfileCreated } : {}) });
      return valid;
    });
    queue = run.catch(() => undefined);
    return run;
  }

  return { location: file, read, update };
}
