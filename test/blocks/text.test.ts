import { describe, expect, it } from 'vitest';
import { escapeText, link, truncate } from '../../src/blocks/text.ts';

describe('escapeText', () => {
  it('neutralises Slack markup so echoed text pings nobody', () => {
    expect(escapeText('<!channel> & <@U123> <http://x|y>')).toBe('&lt;!channel&gt; &amp; &lt;@U123&gt; &lt;http://x|y&gt;');
  });
});

describe('truncate', () => {
  it('leaves short text alone', () => {
    expect(truncate('short', 10)).toBe('short');
  });
  it('cuts at a word boundary with an ellipsis, within the limit', () => {
    const cut = truncate('one two three four five six seven', 20);
    expect(cut.length).toBeLessThanOrEqual(20);
    expect(cut).toBe('one two three four…');
  });
  it('never splits a surrogate pair or an escape sequence', () => {
    expect(truncate('😀'.repeat(10), 6)).toBe('😀😀…');
    expect(truncate('abcdefgh &amp; more', 12)).not.toMatch(/&a?m?p?…$/);
  });
});

describe('link', () => {
  it('escapes the label and keeps a pipe from ending it early', () => {
    expect(link('https://x.test/a', 'A | <b>')).toBe('<https://x.test/a|A ¦ &lt;b&gt;>');
  });
});
