/**
 * Where answers wait their turn once Slack has its ack. Slack gives 3 s to ack and
 * 30 minutes to answer through a response_url, so under a burst the acks must not queue
 * behind searches and Web API calls: answers start on a later turn of the event loop,
 * after the requests already received have been read and acked, and only so many run at
 * once. A burst can leave thousands waiting, so a waiting answer is one closure in an
 * array, not a suspended async function and a timer of its own.
 */
export interface AnswerQueue {
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Answers running or waiting. */
  readonly pending: number;
  /** Resolves once no answer is running or waiting (at once if none is). */
  idle(): Promise<void>;
}

export function createAnswerQueue({ concurrency }: { concurrency: number }): AnswerQueue {
  const waiting: ((() => void) | undefined)[] = [];
  // The next to start; the array is emptied whenever all have started, rather than shifted.
  let next = 0;
  let running = 0;
  let scheduled = false;
  let idleWaiters: (() => void)[] = [];
  const pending = () => running + waiting.length - next;

  const pump = () => {
    scheduled = false;
    while (running < concurrency && next < waiting.length) {
      const start = waiting[next]!;
      waiting[next++] = undefined;
      running += 1;
      start();
    }
    if (next === waiting.length) {
      waiting.length = 0;
      next = 0;
    }
  };
  const schedule = () => {
    if (scheduled || running >= concurrency || next === waiting.length) return;
    scheduled = true;
    setImmediate(pump);
  };
  const finished = () => {
    running -= 1;
    if (pending() === 0) {
      for (const wake of idleWaiters) wake();
      idleWaiters = [];
    }
    schedule();
  };

  return {
    get pending() {
      return pending();
    },
    run<T>(work: () => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        waiting.push(() => {
          // The slot is free, and pending lower, by the time the caller hears of the outcome.
          Promise.resolve()
            .then(work)
            .then(
              (value) => {
                finished();
                resolve(value);
              },
              (error: unknown) => {
                finished();
                reject(error);
              },
            );
        });
        schedule();
      });
    },
    idle() {
      if (pending() === 0) return Promise.resolve();
      return new Promise<void>((resolve) => idleWaiters.push(resolve));
    },
  };
}
