import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TermIndexBuilder } from '../../src/search/term-index.ts';
import { foldText } from '../../src/search/text.ts';

const words = (index: ReturnType<TermIndexBuilder['build']>) => index.words();

describe('TermIndex', () => {
  it('maps each word to its entries once each, in order, skipping ignored words', () => {
    const builder = new TermIndexBuilder(['the', 'of']);
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
    const builder = new TermIndexBuilder(['the']);
    // Entries (group << 2) | field: "cloud" is in two fields of group 1 and in group 3.
    builder.add('the cloud', (1 << 2) | 0);
    builder.add('cloud costs', (1 << 2) | 1);
    builder.add('costs of the cloud', (3 << 2) | 0);
    const index = builder.build();
    const count = index.groupCounter(2);

    expect(index.words()).toEqual(['cloud', 'costs', 'of']);
    expect(['cloud', 'costs', 'of', 'the', 'nowhere'].map(count)).toEqual([2, 2, 1, 0, 0]);
  });

  it('keeps every word apart as the table grows', () => {
    const builder = new TermIndexBuilder([]);
    for (let i = 0; i < 20_000; i++) builder.add(`w${i} x${i % 7}`, i);
    const index = builder.build();

    expect([...index.postings('w0')!]).toEqual([0]);
    expect([...index.postings('w19999')!]).toEqual([19999]);
    expect(index.postings('x3')).toHaveLength(Math.ceil((20_000 - 3) / 7));
    expect(index.words()).toHaveLength(20_007);
  });

  it('finds the same words as foldText, accents, ligatures and combining marks folded', () => {
    const text = 'Œuvre: Éphémère conteneurs, Straße & cafe\u0301 — ﬁnOps l’équipe KubeCon';
    const builder = new TermIndexBuilder([]);
    builder.add(text, 1);

    expect(foldText(text)).toBe('oeuvre ephemere conteneurs strasse cafe finops l equipe kubecon');
    expect(words(builder.build())).toEqual(foldText(text).split(' '));
  });

  it('indexes any text as exactly the words foldText finds in it', () => {
    const piece = fc.oneof(
      fc.constantFrom('Éa', 'œ', 'ß', 'İ', 'ﬁ', '\u0301', '’', '½', '㎒', 'Σ', '😀', '-', ' ', 'A', 'z', '9', 'ÉTÉ', 'naïve'),
      fc.string({ unit: 'binary', maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const text = pieces.join('');
        const builder = new TermIndexBuilder([]);
        builder.add(text, 0);
        expect(words(builder.build())).toEqual([...new Set(foldText(text).split(' ').filter(Boolean))]);
      }),
      { seed: Number(process.env.FC_SEED ?? 7), numRuns: 2000 },
    );
  });
});
