import PQueue from 'p-queue';

/**
 * Where answers wait their turn once Slack has its ack, on p-queue (the same copy the Web API
 * client loads). Slack gives 3 s to ack and 30 minutes to answer through a response_url, so
 * under a burst the acks must not queue behind searches and Web API calls: each answer first
 * yields to the requests already received, then only so many run at once.
 */
export interface AnswerQueue {
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Answers running or waiting. */
  readonly pending: number;
  /** Resolves once no answer is running or waiting (at once if none is). */
  idle(): Promise<void>;
  /**
   * Runs while an answer only waits (a retry's backoff, a Retry-After): its slot is lent to
   * the next answer meanwhile, since waiting costs no CPU.
   */
  whileWaiting<T>(wait: Promise<T>): Promise<T>;
  /**
   * On shutdown: every answer waiting starts now. They mostly wait on Slack, so all at once
   * they finish within the grace period, where eight at a time could not.
   */
  drain(): void;
}

const afterWaitingIo = () => new Promise<void>((resolve) => setImmediate(resolve));

export function createAnswerQueue({ concurrency }: { concurrency: number }): AnswerQueue {
  const queue = new PQueue({ concurrency });
  return {
    get pending() {
      return queue.size + queue.pending;
    },
    run: (work) =>
      queue.add(async () => {
        await afterWaitingIo();
        return work();
      }),
    idle: () => queue.onIdle(),
    async whileWaiting(wait) {
      queue.concurrency += 1;
      try {
        return await wait;
      } finally {
        queue.concurrency -= 1;
      }
    },
    drain() {
      queue.concurrency = Number.POSITIVE_INFINITY;
    },
  };
}
