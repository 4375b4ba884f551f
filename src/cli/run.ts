import { CatalogueError } from '../catalogue/load.ts';
import { ConfigError } from '../config.ts';

/** A mistake in how a command was called: its message says how to call it. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Runs a command-line entry point: known errors print their message alone (no stack), and every failure exits 1. */
export async function runCli(main: () => Promise<unknown>): Promise<void> {
  try {
    await main();
  } catch (error) {
    const known = error instanceof CatalogueError || error instanceof ConfigError || error instanceof UsageError;
    console.error(known ? error.message : error instanceof Error ? error.stack : String(error));
    process.exitCode = 1;
  }
}
