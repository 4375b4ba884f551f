import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editDistance } from '../../src/search/text.ts';

/** Optimal string alignment distance, written plainly, unbounded. */
function reference(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

describe('editDistance', () => {
  it('counts a swap of neighbours as one typo, and stops past its bound', () => {
    expect(editDistance('karpenter', 'karpneter', 1)).toBe(1);
    expect(editDistance('promethues', 'prometheus', 2)).toBe(1);
    expect(editDistance('cilium', 'cilium', 1)).toBe(0);
    expect(editDistance('abc', 'xyz', 1)).toBe(2);
    expect(editDistance('a'.repeat(200), `${'a'.repeat(199)}b`, 2)).toBe(1);
  });

  it('agrees with the plain definition up to its bound, whatever the calls before it left in its rows', () => {
    const unit = fc.constantFrom('a', 'b', 'c', 'é');
    // size 'max': by default fast-check keeps strings to ten characters or so, and the rows (64 to start with) would never grow.
    const word = fc.string({ unit, maxLength: 90, size: 'max' });
    // Two random long words are far apart, and only a near pair checks the exact distance: b is also made from a by a few typos.
    const typo = fc.tuple(fc.constantFrom('insert', 'delete', 'replace', 'swap'), fc.nat(), unit);
    const withTypos = (a: string, typos: ReadonlyArray<readonly [string, number, string]>) =>
      typos.reduce((text, [kind, at, char]) => {
        const i = text.length === 0 ? 0 : at % text.length;
        if (kind === 'insert') return text.slice(0, i) + char + text.slice(i);
        if (kind === 'delete') return text.slice(0, i) + text.slice(i + 1);
        if (kind === 'replace') return text.slice(0, i) + char + text.slice(i + 1);
        return text.slice(0, i) + text.slice(i + 1, i + 2) + text.slice(i, i + 1) + text.slice(i + 2);
      }, a);
    const pair = fc.oneof(
      fc.tuple(word, word),
      word.chain((a) => fc.array(typo, { maxLength: 3 }).map((typos) => [a, withTypos(a, typos)] as const)),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(pair, fc.integer({ min: 0, max: 3 })), { minLength: 1, maxLength: 5 }), (calls) => {
        for (const [[a, b], max] of calls) {
          const distance = reference(a, b);
          if (distance <= max) expect(editDistance(a, b, max)).toBe(distance);
          else expect(editDistance(a, b, max)).toBeGreaterThan(max);
        }
      }),
      { seed: Number(process.env.FC_SEED ?? 7), numRuns: 300 },
    );
  });
});
