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
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'é'), maxLength: 90 });
    fc.assert(
      fc.property(fc.array(fc.tuple(word, word, fc.integer({ min: 0, max: 3 })), { minLength: 1, maxLength: 5 }), (calls) => {
        for (const [a, b, max] of calls) {
          const distance = reference(a, b);
          if (distance <= max) expect(editDistance(a, b, max)).toBe(distance);
          else expect(editDistance(a, b, max)).toBeGreaterThan(max);
        }
      }),
      { seed: Number(process.env.FC_SEED ?? 7), numRuns: 300 },
    );
  });
});
