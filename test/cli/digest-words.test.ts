import { describe, expect, it } from 'vitest';
import { describePost } from '../../src/cli/digest-words.ts';

describe('what npm run digest -- --now prints for a channel', () => {
  it('says FAILED only for a digest that did not go out, and NOT CONFIRMED for one that may have', () => {
    expect(describePost({ status: 'failed', reason: 'not_in_channel', maybePosted: false })).toBe(
      'FAILED (not_in_channel): see the log above',
    );
    const unsure = describePost({ status: 'failed', reason: 'timeout', maybePosted: true });
    expect(unsure).toMatch(/^NOT CONFIRMED \(timeout\): it may have reached the channel/);
    expect(unsure).not.toContain('FAILED');
    expect(describePost({ status: 'posted', ts: '1.2' })).toBe('posted (ts 1.2)');
  });
});
