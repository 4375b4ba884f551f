// What the bench's parent and its child processes say to each other over IPC.

export type Role = 'bare' | 'bolt' | 'bot' | 'fake';

export type ChildMessage =
  | { type: 'ready'; url: string }
  | { type: 'profiling' }
  | { type: 'stats'; stats: ServerStats }
  | { type: 'answers'; answers: AnswerTallies };

export interface ServerStats {
  /** The kernel's high-water mark for the process (resourceUsage().maxRSS), start-up included. */
  readonly maxRss: number;
  /** The highest RSS sampled every 10 ms. */
  readonly sampledPeakRss: number;
  /** RSS once started and idle, before the first request. */
  readonly idleRss: number;
  /** V8's heap when RSS peaked: reserved, of which the young generation, and used (live or not yet collected). */
  readonly heapAtPeak: { readonly total: number; readonly young: number; readonly used: number };
  readonly heapLimit: number;
  /** Event loop delay while serving, in ms: how long a ready request could wait for the process. */
  readonly loopDelay: { readonly p99: number; readonly max: number };
  readonly warnings: number;
  readonly errors: number;
  readonly firstProblems: readonly string[];
  readonly profile?: ProfileSummary | undefined;
}

export interface ProfileSummary {
  readonly file: string;
  readonly totalMs: number;
  readonly buckets: readonly (readonly [string, number])[];
}

/** The answers one server posted to its response_urls. */
export interface AnswerTally {
  /** response_url ids answered at least once. */
  readonly answered: number;
  readonly posts: number;
  /** Posts by shape (see answerShape): what a valid answer is depends on the server. */
  readonly shapes: Readonly<Record<string, number>>;
  readonly apologies: number;
  /** Ids that got a real answer; ids that got only an apology; posts that met an injected fault. */
  readonly withAnswer: number;
  readonly apologisedOnly: number;
  readonly faulted: number;
  readonly lastAt: number;
}

export interface AnswerTallies {
  /** By the run key of the response_url (see responseId). */
  readonly byRun: Readonly<Record<string, AnswerTally>>;
  /** Web API calls, by method. */
  readonly otherCalls: Readonly<Record<string, number>>;
}

export function send(message: ChildMessage): void {
  process.send?.(message);
}
