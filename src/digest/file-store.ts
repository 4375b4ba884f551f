import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import writeFileAtomic from 'write-file-atomic';
import type { Logger } from '../log/logger.ts';
import { type DigestState, DigestStateError, type DigestStore, EMPTY_STATE, parseState, validState } from './store.ts';

export const STATE_FILE = 'digest-state.json';

/** Left beside the state file at its first write, so that a file that vanishes later is noticed, not taken for a first install. */
export const WRITTEN_MARKER = '.digest-state.written';

/**
 * The lock between processes (the bot, `npm run digest`, a second CronJob run): a directory
 * made atomically beside the file. A holder that died leaves it behind; after `stale`
 * without a refresh, the next process takes it over.
 */
const LOCK = { stale: 10_000, update: 2_000, retries: { retries: 100, factor: 1.3, minTimeout: 10, maxTimeout: 250, randomize: true } };

export interface FileStoreOptions {
  /** Tests pass a hook that throws once the temporary file exists, to stand for a crash mid-write. */
  readonly tmpfileCreated?: (tmpfile: string) => Promise<void>;
  /** Told when the lock was lost mid-change (the disk stalled past `stale`): the change may race another process's. */
  readonly logger?: Logger;
}

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

/**
 * The default store: one JSON file under DATA_DIR, validated on every read and replaced
 * atomically by write-file-atomic (temporary file, fsync, rename), so a crash mid-write
 * leaves the previous state readable. Every change is a read-modify-write under a lock held
 * across processes (proper-lockfile), so the bot and any number of `npm run digest` runs on
 * the same volume never lose each other's changes. A file it cannot read stops it; it is
 * never silently replaced, which would forget every subscription.
 */
export function createFileDigestStore(file: string, { tmpfileCreated, logger }: FileStoreOptions = {}): DigestStore {
  const marker = path.join(path.dirname(file), WRITTEN_MARKER);
  const howToFix =
    `The bot will not overwrite it. Restore it from a backup, correct it by hand, or move it aside (mv ${file} ${file}.broken) ` +
    'to start over, which forgets every subscription and what each channel has seen.';

  async function read(retried = false): Promise<DigestState> {
    let raw: string;
    try {
      raw = await readFile(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') {
        if (!(await exists(marker))) return EMPTY_STATE;
        // Read without the lock, this may have raced another process's first write: the file
        // came into place, and the marker after it, between the read above and this check.
        if (!retried && (await exists(file))) return read(true);
        throw new DigestStateError(
          `The digest state file ${file} has disappeared, though the bot saved one there (${marker} says so). ` +
            `Restore it from a backup; or, to start over (forgetting every subscription and what each channel has seen), delete ${marker}.`,
        );
      }
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
    const parsed = parseState(json);
    if ('problems' in parsed)
      throw new DigestStateError(`The digest state file ${file} is not a digest state (${parsed.problems}). ${howToFix}`);
    return parsed.state;
  }

  async function locked<T>(work: () => Promise<T>): Promise<T> {
    await mkdir(path.dirname(file), { recursive: true });
    let release: () => Promise<void>;
    try {
      release = await lockfile.lock(file, {
        ...LOCK,
        realpath: false,
        onCompromised: (error) => logger?.warn('Lost the lock on the digest state file mid-change', { file, error }),
      });
    } catch (error) {
      throw new DigestStateError(
        `Cannot lock the digest state file ${file} (${(error as Error).message}): another process holds it, or ${path.dirname(file)} is not writable by the bot's user.`,
      );
    }
    try {
      return await work();
    } finally {
      await release().catch(() => undefined);
    }
  }

  // In this process, changes queue here rather than contend for the lock.
  let queue: Promise<unknown> = Promise.resolve();

  function update(change: (state: DigestState) => DigestState): Promise<DigestState> {
    const run = queue.then(() =>
      locked(async () => {
        const current = await read();
        const next = change(current);
        if (next === current) return current;
        const valid = validState(next);
        await writeFileAtomic(file, `${JSON.stringify(valid, null, 2)}\n`, { mode: 0o600, ...(tmpfileCreated ? { tmpfileCreated } : {}) });
        // After the state, never before: a reader must not find the marker without the file.
        if (!(await exists(marker))) await writeFile(marker, `The bot saved its digest state in ${STATE_FILE} here.\n`, { mode: 0o600 });
        return valid;
      }),
    );
    queue = run.catch(() => undefined);
    return run;
  }

  return { location: file, read: () => read(), update };
}
