import { type ParseArgsConfig, parseArgs } from 'node:util';
import { ArticleError } from '../catalogue/articles.ts';
import { CatalogueError } from '../catalogue/load.ts';
import { LANGUAGES, type Language } from '../catalogue/vocabulary.ts';
import { ConfigError } from '../config-error.ts';
import { DigestStateError } from '../digest/state-error.ts';

/** `--lang`'s value, checked: one of the catalogue's languages, or undefined when not given. */
export function languageOption(value: string | undefined, usage: string): Language | undefined {
  if (value === undefined || (LANGUAGES as readonly string[]).includes(value)) return value as Language | undefined;
  throw new UsageError(`--lang must be one of ${LANGUAGES.join(', ')}, got "${value}"\n${usage}`);
}

/** A mistake in how a command was called: its message says how to call it. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Exit code of a tool that could not run at all (bad arguments, unreadable input), as opposed to 1: it ran and found a problem. */
export const EXIT_CANNOT_RUN = 2;

/**
 * The command line, read with node:util's parseArgs plus `--help`/`-h`. Its mistakes (an
 * unknown flag, a flag without its value, a stray argument) become usage errors; `--help`
 * prints the usage on stdout and gives undefined, for the command to return at once.
 */
export function parseCommandLine<T extends ParseArgsConfig>(config: T, usage: string): ReturnType<typeof parseArgs<T>> | undefined {
  let parsed: ReturnType<typeof parseArgs<T>>;
  try {
    parsed = parseArgs({ ...config, options: { ...config.options, help: { type: 'boolean', short: 'h' } } }) as ReturnType<
      typeof parseArgs<T>
    >;
  } catch (error) {
    if (!(error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS_')) throw error;
    throw new UsageError(`${(error as Error).message}\n${usage}`);
  }
  if (!(parsed.values as { help?: boolean }).help) return parsed;
  console.log(usage);
  return undefined;
}

/** Runs a command-line entry point: known errors print their message alone (no stack); every failure exits non-zero. */
export async function runCli(main: () => Promise<unknown>): Promise<void> {
  // `| head` closes the pipe once it has read enough: that ends the command quietly, as it
  // would any Unix tool, instead of an unhandled EPIPE with its stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit();
  });
  try {
    await main();
  } catch (error) {
    const cannotRun = error instanceof UsageError || error instanceof ArticleError;
    // The digest state's own message says where it is and how to fix it; a stack trace would bury it.
    const known = cannotRun || error instanceof CatalogueError || error instanceof ConfigError || error instanceof DigestStateError;
    console.error(known ? error.message : error instanceof Error ? error.stack : String(error));
    process.exitCode = cannotRun ? EXIT_CANNOT_RUN : 1;
  }
}
