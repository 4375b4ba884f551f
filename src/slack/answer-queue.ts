/**
 * Where answers wait their turn once Slack has its ack. Slack gives 3 s to ack and
 * 30 minutes to answer through a response_url, so under a burst the acks must not queue
 * behind searches and Web API calls: each answer starts on a later turn of the event
 * loop, after the requests already received have been read and acked, and only so many
 * run at once.
 */
export interface AnswerQueue {
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Answers running or waiting. */
  readonly pending: number;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export function createAnswerQueue({ concurrency }: { concurrency: number }): AnswerQueue {
  let running = 0;
  let pending = 0;
  const waiting: (() => void)[] = [];
  return {
    get pending() {
      return pending;
    },
    async run(work) {
      pending += 1;
      try {
        await nextTurn();
        if (running >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
        else running += 1;
        try {
          return await work();
        } finally {
          // The slot passes straight to the next answer, so running never overshoots.
          const next = waiting.shift();
          if (next) next();
          else running -= 1;
        }
      } finally {
        pending -= 1;
      }
    },
  };
}
