// Apart from the config's zod schema, so that a command line that only reports a config
// error loads no zod (see src/catalogue/vocabulary.ts).

/** Every problem with the environment at once, each with how to fix it. */
export class ConfigError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(
      `Invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((p) => `  - ${p}`).join('\n')}\nSet these in the environment or in a .env file (see .env.example and README.md).`,
    );
    this.name = 'ConfigError';
    this.problems = problems;
  }
}
