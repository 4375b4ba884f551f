import { setImmediate as yieldTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createPlanner } from '../../src/digest/plan.ts';
import { createPoster, DEFAULT_RETRY, type DigestOutlet, type PostResult } from '../../src/digest/poster.ts';
import type { DigestStore } from '../../src/digest/store.ts';
import { capturingLogger, fixtureCatalogue } from './helpers.ts';

/** Slack as far as posts go: every message kept, by channel and slot, found again by slot. */
function slackInMemory() {
  const messages: { channel: string; slot: string; ts: string }[] = [];
  const outlet: Pick<DigestOutlet, 'post' | 'findPosted' | 'classify'> = {
    async post(channel, slot) {
      // Racing processes interleave here, between the claim and the post.
      await yieldTurn();
      const ts = `${messages.length + 1}.0`;
      messages.push({ channel, slot, ts });
      return ts;
    },
    async findPosted(channel, slot) {
      return messages.find((message) => message.channel === channel && message.slot === slot)?.ts;
    },
    classify: () => ({ kind: 'ambiguous', reason: 'reset' }),
  };
  return { messages, outlet };
}

/**
 * What the per-channel, per-slot claim must guarantee, whatever the store: `stores(n)` gives
 * n stores on the same fresh storage, one for each process that shares it.
 */
export function claimContract(name: string, stores: (count: number) => Promise<DigestStore[]>): void {
  describe(`${name}: one digest per channel and slot across processes`, () => {
    const slotAt = (week: number) => new Date(Date.UTC(2026, 2, 30 + 7 * week, 7, 30)).toISOString();

    it('posts each channel once when many processes trigger the same slot at once, round after round', async () => {
      const catalogue = await fixtureCatalogue();
      const slack = slackInMemory();
      const processes = await stores(3);
      const channels = ['C1', 'C2', 'C3', 'C4', 'C5'];
      const rounds = 4;
      for (let round = 0; round < rounds; round += 1) {
        const slot = slotAt(round);
        const posters = processes.map((store, i) =>
          createPoster({
            store,
            outlet: slack.outlet,
            planner: createPlanner(catalogue),
            logger: capturingLogger().logger,
            now: () => new Date(Date.parse(slot) + 1000),
            sleep: async () => {},
            retry: DEFAULT_RETRY,
            owner: `process-${i}`,
          }),
        );
        // 20 triggers per channel: every process, several times over.
        const results: PostResult[] = await Promise.all(
          channels.flatMap((channel) => Array.from({ length: 20 }, (_, i) => posters[i % posters.length]!.post(channel, slot, 'en'))),
        );
        expect(results.filter((result) => result.status === 'posted')).toHaveLength(channels.length);
      }
      const posts = slack.messages.map(({ channel, slot }) => `${channel} ${slot}`);
      expect(new Set(posts).size).toBe(posts.length);
      expect(posts).toHaveLength(channels.length * rounds);
    });

    it('takes over the post of a process that died holding its claim, once the claim expires, without posting twice', async () => {
      const catalogue = await fixtureCatalogue();
      const slack = slackInMemory();
      const [dying, survivor] = await stores(2);
      const slot = slotAt(0);
      let now = Date.parse(slot) + 1000;
      const poster = (store: DigestStore, owner: string, outlet: typeof slack.outlet) =>
        createPoster({
          store,
          outlet,
          planner: createPlanner(catalogue),
          logger: capturingLogger().logger,
          now: () => new Date(now),
          sleep: async () => {},
          retry: DEFAULT_RETRY,
          owner,
          claimTtlMs: 60_000,
        });
      // It posts, then dies before recording the message's ts.
      const hangs = {
        ...slack.outlet,
        post: async (...args: Parameters<typeof slack.outlet.post>) => {
          await slack.outlet.post(...args);
          return new Promise<string>(() => {});
        },
      };
      void poster(dying!, 'dying', hangs).post('C1', slot, 'en');
      while (slack.messages.length === 0) await yieldTurn();

      const other = poster(survivor!, 'survivor', slack.outlet);
      expect(await other.post('C1', slot, 'en')).toMatchObject({ status: 'in-progress-elsewhere' });
      now += 61_000;
      expect(await other.post('C1', slot, 'en')).toEqual({ status: 'already-posted', ts: '1.0' });
      expect(slack.messages).toHaveLength(1);
    });
  });
}
