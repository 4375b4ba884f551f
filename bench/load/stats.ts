import type { RunFigures } from './fire.ts';
import type { AnswerTally, ServerStats } from './protocol.ts';

/** One server, measured: a column of the report. */
export interface Measured {
  readonly name: string;
  readonly run: RunFigures;
  readonly stats: ServerStats;
  /** For the servers that answer on response_url, every request warm-up and paced run included. */
  readonly answers?: {
    readonly tally: AnswerTally | undefined;
    readonly expected: number;
    /** The shape every answer must have (see answerShape). */
    readonly shape: string;
    readonly lastAckAt: number;
  };
  /** The bot and its variants again, below saturation. */
  readonly paced?: { readonly run: RunFigures; readonly rate: number };
}

export const mb = (bytes: number) => bytes / 1024 / 1024;

export const percentile = (sorted: readonly number[], p: number) =>
  sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;

/** Requests acked per second. */
export const rate = (run: RunFigures) => (run.sent / run.elapsedMs) * 1000;

/** Failed and unsent requests, of `requests` meant to be sent. */
export const errors = (run: RunFigures, requests: number) => run.non200 + run.network + (requests - run.sent);

export const peakRss = (stats: ServerStats) => Math.max(stats.maxRss, stats.sampledPeakRss);

/** Posts that were not of the expected shape. */
export const invalidAnswers = ({ tally, shape }: NonNullable<Measured['answers']>) => (tally?.posts ?? 0) - (tally?.shapes[shape] ?? 0);

/** Every request answered, every answer of the expected shape, none an apology. */
export function answersOk(answers: NonNullable<Measured['answers']>): boolean {
  const { tally, expected } = answers;
  return (tally?.answered ?? 0) >= expected && invalidAnswers(answers) === 0 && (tally?.apologies ?? 0) === 0;
}
