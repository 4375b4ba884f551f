import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from './config-error.ts';

/**
 * Makes sure DATA_DIR exists and takes a write, at start-up: a read-only mount or a
 * directory owned by another user should stop the bot now, with a message that says what
 * to do, not a week later when the first digest tries to save what it sent. Writing a file
 * is the only honest test: access(W_OK) says yes to root on a directory it cannot write.
 */
export async function ensureWritableDataDir(dir: string): Promise<void> {
  const probe = path.join(dir, `.write-test-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(probe, '', { flag: 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new ConfigError([
      `DATA_DIR (${dir}) is not writable (${code}): the bot keeps the weekly digest's state there. ` +
        'Mount a writable volume at that path (on Kubernetes, a PersistentVolumeClaim; with Docker, -v kubecon-data:/data), ' +
        `make it writable by the bot's user (uid ${process.getuid?.() ?? 'unknown'}), or set DATA_DIR to a writable directory`,
    ]);
  } finally {
    await rm(probe, { force: true }).catch(() => undefined);
  }
}
