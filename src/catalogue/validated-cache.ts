import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { SourceFile, ValidatedFiles } from './validate.ts';

/**
 * Catalogue files that passed their schemas, kept by the hash of their text and of the
 * schemas' source: a start with unchanged files skips loading zod and parsing with it,
 * some 100 ms of a command line's 300 (docs/decisions/0014-cheap-start.md).
 * Any change to a file or a schema misses, so every new text is validated, with zod's
 * messages. Like Node's compile cache: under the temporary folder, and quiet where it
 * cannot be written.
 */
const FOLDER = path.join(os.tmpdir(), `kubecon-bot-catalogue-${process.getuid?.() ?? 'user'}`);
/** Test runs load many small catalogues; the newest few are enough for the real one to stay. */
const KEPT = 16;
/**
 * The modules whose code decides what passes and what is kept, in the extension this one
 * runs with (.ts, or .js once built): a change to any of them must miss.
 */
const SCHEMA_SOURCES = ['schema', 'vocabulary', 'validate'].map(
  (name) => new URL(`./${name}${path.extname(import.meta.url)}`, import.meta.url),
);

export async function validatedKey(sources: readonly SourceFile[]): Promise<string> {
  const hash = createHash('sha256');
  for (const source of SCHEMA_SOURCES) hash.update(await readFile(source)).update('\0');
  for (const { name, text } of sources) hash.update(name).update('\0').update(text).update('\0');
  return hash.digest('hex');
}

const entry = (key: string) => path.join(FOLDER, `${key}.json`);

/** Only from a folder of this user's: another user's files could pass anything as validated. */
async function ownFolder(): Promise<boolean> {
  const info = await stat(FOLDER);
  return info.isDirectory() && (process.getuid === undefined || info.uid === process.getuid());
}

export async function readValidated(key: string): Promise<ValidatedFiles | undefined> {
  try {
    if (!(await ownFolder())) return undefined;
    const kept = JSON.parse(await readFile(entry(key), 'utf8')) as ValidatedFiles | null;
    // Anything but what keepValidated writes (a truncated or foreign file) is a miss.
    return Array.isArray(kept?.editions) ? kept : undefined;
  } catch {
    return undefined;
  }
}

export async function keepValidated(key: string, files: ValidatedFiles): Promise<void> {
  try {
    await mkdir(FOLDER, { recursive: true, mode: 0o700 });
    if (!(await ownFolder())) return;
    // Renamed into place, so that a process reading at the same time sees all of it or none.
    const partial = `${entry(key)}.${process.pid}.partial`;
    await writeFile(partial, JSON.stringify(files), { mode: 0o600 });
    await rename(partial, entry(key));
    const kept = await Promise.all(
      (await readdir(FOLDER)).map(async (name) => ({ name, at: (await stat(path.join(FOLDER, name))).mtimeMs })),
    );
    const stale = kept.sort((a, b) => b.at - a.at).slice(KEPT);
    await Promise.all(stale.map(({ name }) => rm(path.join(FOLDER, name), { force: true })));
  } catch {
    // A read-only or full disk: the next start validates again, which is all this saves.
  }
}
