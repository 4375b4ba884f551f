import { ArticleError } from '../catalogue/articles.ts';
import { CatalogueError } from '../catalogue/load.ts';
import { ConfigError } from '../config.ts';

/** A mistake in how a command was called: its message says how to call it. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Exit code of a tool that could not run at all (bad arguments, unreadable input), as opposed to 1: it ran and found a problem. */
export const EXIT_CANNOT_RUN = 2;

/** Runs a command-line entry point: known errors print their message alone (no stack); every failure exits non-zero. */
export async function runCli(main: () => Promise<unknown>): Promise<void> {
  try {
    await main();
  } catch (error) {
    const cannotRun = error instanceof UsageError || error instanceof ArticleError;
    const known = cannotRun || error instanceof CatalogueError || error instanceof ConfigError;
    console.error(known ? error.message : error instanceof Error ? error.stack : String(error));
    process.exitCode = cannotRun ? EXIT_CANNOT_RUN : 1;
  }
}
