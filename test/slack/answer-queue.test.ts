import { describe, expect, it } from 'vitest';
import { createAnswerQueue } from '../../src/slack/answer-queue.ts';

describe('answer queue', () => {
  it('starts an answer on a later turn of the event loop, after what is already waiting', async () => {
    const queue = createAnswerQueue({ concurrency: 4 });
    const order: string[] = [];
    // A request already received: its ack is due on this turn, before the answer.
    setImmediate(() => order.push('ack of the next request'));
    const answered = queue.run(async () => void order.push('answer'));
    order.push('now');
    await answered;

    expect(order).toEqual(['now', 'ack of the next request', 'answer']);
  });

  it('runs at most `concurrency` answers at once, in order, and counts what is pending', async () => {
    const queue = createAnswerQueue({ concurrency: 2 });
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const releases: (() => void)[] = [];
    const runs = [0, 1, 2, 3, 4].map((n) =>
      queue.run(async () => {
        started.push(n);
        running += 1;
        most = Math.max(most, running);
        await new Promise<void>((resolve) => releases.push(resolve));
        running -= 1;
        return n;
      }),
    );
    while (releases.length < 2) await new Promise((resolve) => setImmediate(resolve));
    expect(queue.pending).toBe(5);
    while (releases.length > 0 || started.length < 5) {
      releases.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    }

    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3, 4]);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(most).toBe(2);
    expect(queue.pending).toBe(0);
  });

  it('frees the slot of an answer that failed', async () => {
    const queue = createAnswerQueue({ concurrency: 1 });
    await expect(queue.run(() => Promise.reject(new Error('Slack 500')))).rejects.toThrow('Slack 500');
    expect(await queue.run(async () => 'next')).toBe('next');
    expect(queue.pending).toBe(0);
  });

  it('is idle once every answer, running or waiting, is done', async () => {
    const queue = createAnswerQueue({ concurrency: 1 });
    await queue.idle();
    const releases: (() => void)[] = [];
    const runs = [1, 2, 3].map(() => queue.run(() => new Promise<void>((resolve) => releases.push(resolve))));
    let idle = false;
    const idled = queue.idle().then(() => (idle = true));
    for (let done = 0; done < 3; done++) {
      while (releases.length === 0) await new Promise((resolve) => setImmediate(resolve));
      expect(idle).toBe(false);
      releases.shift()!();
    }
    await Promise.all([...runs, idled]);

    expect(idle).toBe(true);
    expect(queue.pending).toBe(0);
  });

  it('lends the slot of an answer that only waits to the next one, and takes it back after', async () => {
    const queue = createAnswerQueue({ concurrency: 1 });
    const order: string[] = [];
    let endWait: () => void = () => {};
    const waiting = queue.run(async () => {
      order.push('first starts');
      await queue.whileWaiting(new Promise<void>((resolve) => (endWait = resolve)));
      order.push('first ends');
    });
    const second = queue.run(async () => void order.push('second runs'));
    await second;
    expect(order).toEqual(['first starts', 'second runs']);
    endWait();
    await waiting;
    // The slot is back to one: two new answers run one after the other.
    let running = 0;
    let most = 0;
    await Promise.all(
      [1, 2].map(() =>
        queue.run(async () => {
          running += 1;
          most = Math.max(most, running);
          await new Promise((resolve) => setImmediate(resolve));
          running -= 1;
        }),
      ),
    );
    expect(most).toBe(1);
    expect(order).toEqual(['first starts', 'second runs', 'first ends']);
  });
});
