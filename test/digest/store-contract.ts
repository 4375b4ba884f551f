import { describe, expect, it } from 'vitest';
import { type DigestState, type DigestStore, EMPTY_STATE } from '../../src/digest/store.ts';

/** The state with channel subscribed to the digest. */
export const subscribed = (state: DigestState, channel: string): DigestState => ({
  ...state,
  subscriptions: { ...state.subscriptions, [channel]: { by: 'U1', at: '2026-03-27T10:00:00.000Z', language: 'fr' } },
});

/**
 * What every DigestStore backend must do, whatever it keeps the state in. `open` gives a
 * store on fresh, empty storage; `reopen` a second store on the same storage, as another
 * process or a restart would see it.
 */
export function digestStoreContract(name: string, fresh: () => Promise<{ open: () => DigestStore; reopen: () => DigestStore }>): void {
  describe(`${name}: the DigestStore contract`, () => {
    it('starts empty, saves each change and reads it back from another store on the same storage', async () => {
      const { open, reopen } = await fresh();
      const store = open();
      expect(await store.read()).toEqual(EMPTY_STATE);
      const saved = await store.update((state) => subscribed(state, 'C1'));
      expect(saved).toEqual(subscribed(EMPTY_STATE, 'C1'));
      expect(await reopen().read()).toEqual(saved);
    });

    it('applies concurrent changes one after the other, none lost', async () => {
      const { open } = await fresh();
      const store = open();
      await Promise.all(['C1', 'C2', 'C3', 'C4', 'C5'].map((channel) => store.update((state) => subscribed(state, channel))));
      expect(Object.keys((await store.read()).subscriptions).sort()).toEqual(['C1', 'C2', 'C3', 'C4', 'C5']);
    });

    it('gives each change the state the one before it saved', async () => {
      const { open, reopen } = await fresh();
      await open().update((state) => subscribed(state, 'C1'));
      const seen: string[][] = [];
      await reopen().update((state) => {
        seen.push(Object.keys(state.subscriptions));
        return subscribed(state, 'C2');
      });
      expect(seen).toEqual([['C1']]);
    });

    it('keeps the last state when a change throws', async () => {
      const { open } = await fresh();
      const store = open();
      await store.update((state) => subscribed(state, 'C1'));
      await expect(
        store.update(() => {
          throw new Error('change failed');
        }),
      ).rejects.toThrow('change failed');
      expect(await store.read()).toEqual(subscribed(EMPTY_STATE, 'C1'));
    });

    it('refuses to save a state it could not read back, keeping the last one', async () => {
      const { open } = await fresh();
      const store = open();
      await store.update((state) => subscribed(state, 'C1'));
      await expect(store.update((state) => ({ ...state, channels: { C1: { cycle: -1, seen: [] } } }))).rejects.toThrow();
      expect(await store.read()).toEqual(subscribed(EMPTY_STATE, 'C1'));
    });
  });
}
