import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TermIndexBuilder } from '../../src/search/term-index.ts';
import { foldText } from '../../src/search/text.ts';

describe('TermIndex', () => {
  it('maps each word to its entries once each, in order, skipping ignored words', () => {
    const builder = new TermIndexBuilder(['the', 'of'], 0);
    builder.add('The cost of the cloud, the COST!', 3);
    builder.add('cloud-native costs', 8);
    builder.addIds(builder.ids('Cloud cloud'), 9);
    const index = builder.build();

    expect([...index.postings('cost')!]).toEqual([3]);
    expect([...index.postings('cloud')!]).toEqual([3, 8, 9]);
    expect([...index.postings('costs')!]).toEqual([8]);
    expect(index.postings('the')).toBeUndefined();
    expect(index.postings('nowhere')).toBeUndefined();
    expect(new Map(index.words().map((word) => [word, [...index.postings(word)!]]))).toEqual(
      new Map([['cost', [3]], ['cloud', [3, 8, 9]], ['native', [8]], ['costs', [8]]]),
    );
  });

  it('counts the groups of entries each word appears in (for the searcher, talks)', () => {
    const builder = new TermIndexBuilder(['the'], 2);
    // Entries (group << 2) | field: "cloud" is in two fields of group 1 and in group 3.
    builder.add('the cloud', (1 << 2) | 0);
    builder.add('cloud costs', (1 << 2) | 1);
    builder.add('costs of the cloud', (3 << 2) | 0);
    const index = builder.build();

    expect(index.words()).toEqual(['cloud', 'costs', 'of']);
    expect(['cloud', 'costs', 'of', 'the', 'nowhere'].map((word) => index.groups(word))).toEqual([2, 2, 1, 0, 0]);
  });

  it('keeps every word apart as the table grows', () => {
    const builder = new TermIndexBuilder([], 0);
    for (let i = 0; i < 20_000; i++) builder.add(`w${i} x${i % 7}`, i);
    const index = builder.build();

    expect([...index.postings('w0')!]).toEqual([0]);
    expect([...index.postings('w19999')!]).toEqual([19999]);
    // 2,857 entries: a long run of blocks, read back whole and in order.
    expect([...index.postings('x3')!]).toEqual(Array.from({ length: Math.ceil((20_000 - 3) / 7) }, (_, k) => 3 + 7 * k));
    expect(index.words()).toHaveLength(20_007);
  });

  it('gives back every word\'s entries and group count as a plain map of the same additions would', () => {
    const word = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h');
    // Gaps of 0 add more words to the same entry; postings of any length cross block ends.
    const addition = fc.record({ gap: fc.nat({ max: 3 }), words: fc.array(word, { maxLength: 5 }) });
    fc.assert(
      fc.property(fc.array(addition, { maxLength: 400, size: 'max' }), (additions) => {
        const builder = new TermIndexBuilder(['h'], 2);
        const expected = new Map<string, number[]>();
        let entry = 0;
        for (const { gap, words } of additions) {
          entry += gap;
          builder.add(words.join(' '), entry);
          for (const w of words) {
            const list = expected.get(w) ?? [];
            if (w !== 'h' && list.at(-1) !== entry) expected.set(w, [...list, entry]);
          }
        }
        const index = builder.build();
        expect(new Map(index.words().map((w) => [w, [...index.postings(w)!]]))).toEqual(expected);
        for (const [w, entries] of expected) expect(index.groups(w)).toBe(new Set(entries.map((e) => e >> 2)).size);
      }),
      { seed: Number(process.env.FC_SEED ?? 7), numRuns: 300 },
    );
  });

  it('finds the same words as foldText, accents, ligatures and combining marks folded', () => {
    const text = 'Œuvre: Éphémère conteneurs, Straße & cafe\u0301 — ﬁnOps l’équipe KubeCon';
    const builder = new TermIndexBuilder([], 0);
    builder.add(text, 1);

    expect(foldText(text)).toBe('oeuvre ephemere conteneurs strasse cafe finops l equipe kubecon');
    expect(builder.build().words()).toEqual(foldText(text).split(' '));
  });

  it('indexes any text as exactly the words foldText finds in it', () => {
    const piece = fc.oneof(
      fc.constantFrom('Éa', 'œ', 'ß', 'İ', 'ﬁ', '\u0301', '’', '½', '㎒', 'Σ', '😀', '-', ' ', 'A', 'z', '9', 'ÉTÉ', 'naïve'),
      fc.string({ unit: 'binary', maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const text = pieces.join('');
        const builder = new TermIndexBuilder([], 0);
        builder.add(text, 0);
        expect(builder.build().words()).toEqual([...new Set(foldText(text).split(' ').filter(Boolean))]);
      }),
      { seed: Number(process.env.FC_SEED ?? 7), numRuns: 2000 },
    );
  });
});
