import { describe, expect, it } from 'vitest';
import { messages } from '../../src/blocks/messages.ts';

/**
 * Every text the French messages can produce, by where it sits: each function is called
 * with no argument, with ones and with twos, so that optional and plural branches show too.
 */
function texts(value: unknown, at: string): [string, string][] {
  if (typeof value === 'string') return [[at, value]];
  if (typeof value === 'function') {
    return [[], [1], [2]].flatMap((sample) => {
      const args = sample.length === 0 ? [] : Array.from({ length: value.length }, () => sample[0]);
      return texts(value(...args), `${at}(${args.join(', ')})`);
    });
  }
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([key, inner]) => texts(inner, `${at}.${key}`));
  return [];
}

/** What people type (`/kubecon …`, `@kubecon et prometheus ?`) stays as they would type it: plain spaces. */
const prose = (text: string) => text.replace(/`[^`]*`/g, '`…`');

const RULES: [string, RegExp][] = [
  ['a no-break space (U+00A0) before a colon', /(?<!\u00a0):/],
  ['a no-break space (U+00A0 or narrow U+202F) before ; ? !', /(?<![\u00a0\u202f])[;?!]/],
  ['a no-break space inside « »', /«(?![\u00a0\u202f])|(?<![\u00a0\u202f])»/],
  ['no ordinary space beside a no-break one', /[ \t][\u00a0\u202f]|[\u00a0\u202f][ \t]/],
  ['the typographic apostrophe (’), never the straight one', /'/],
];

describe('French messages follow French typography', () => {
  const french = texts(messages('fr'), 'fr');

  it('finds every message', () => {
    expect(french.length).toBeGreaterThan(100);
  });

  for (const [rule, broken] of RULES) {
    it(rule, () => {
      const offending = french.filter(([, text]) => broken.test(prose(text))).map(([at, text]) => `${at}: ${JSON.stringify(text)}`);
      expect(offending).toEqual([]);
    });
  }
});
