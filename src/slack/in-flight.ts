/** Counts the requests being handled, so a graceful shutdown can wait for them to finish. */
export interface InFlight {
  track<T>(work: () => Promise<T>): Promise<T>;
  /** Resolves once nothing is in flight (at once if nothing is). */
  idle(): Promise<void>;
  readonly count: number;
}

export function createInFlight(): InFlight {
  let count = 0;
  let waiters: (() => void)[] = [];
  return {
    get count() {
      return count;
    },
    async track(work) {
      count += 1;
      try {
        return await work();
      } finally {
        count -= 1;
        if (count === 0) {
          for (const wake of waiters) wake();
          waiters = [];
        }
      }
    },
    idle() {
      if (count === 0) return Promise.resolve();
      return new Promise<void>((resolve) => waiters.push(resolve));
    },
  };
}
