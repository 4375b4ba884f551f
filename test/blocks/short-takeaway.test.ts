import { describe, expect, it } from 'vitest';
import { shortTakeaway } from '../../src/blocks/talk.ts';

describe('a takeaway cut for a list', () => {
  it('keeps whole sentences that fit, version numbers included', () => {
    const first = 'Kubernetes 1.23 lets you attach a debug container to a running pod.';
    const second = 'The team found it handy in production.';
    const third = `Then ${'a long explanation '.repeat(8)}follows.`;
    expect(shortTakeaway(`${first} ${second} ${third}`)).toBe(`${first} ${second}`);
  });

  it('cuts a first sentence too long to fit at a word, with an ellipsis', () => {
    const cut = shortTakeaway(`${'word '.repeat(80)}end.`);
    expect(cut.endsWith('word…')).toBe(true);
    expect(cut.length).toBeLessThanOrEqual(221);
  });
});
