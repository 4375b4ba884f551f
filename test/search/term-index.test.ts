import { describe, expect, it } from 'vitest';
import { TermIndex } from '../../src/search/term-index.ts';
import { foldText, lowerFold } from '../../src/search/text.ts';

describe('TermIndex', () => {
  it('maps each word to its entries once each, in order, skipping ignored words', () => {
    const index = new TermIndex(['the', 'of']);
    index.add(lowerFold('The cost of the cloud, the COST!'), 3);
    index.add('cloud-native costs', 8);

    expect(index.postings('cost')).toEqual([3]);
    expect(index.postings('cloud')).toEqual([3, 8]);
    expect(index.postings('costs')).toEqual([8]);
    expect(index.postings('the')).toBeUndefined();
    expect(index.postings('nowhere')).toBeUndefined();
    expect(new Map(index.entries())).toEqual(new Map([['cost', [3]], ['cloud', [3, 8]], ['native', [8]], ['costs', [8]]]));
  });

  it('keeps every word apart as the table grows', () => {
    const index = new TermIndex([]);
    for (let i = 0; i < 20_000; i++) index.add(`w${i} x${i % 7}`, i);

    expect(index.postings('w0')).toEqual([0]);
    expect(index.postings('w19999')).toEqual([19999]);
    expect(index.postings('x3')).toHaveLength(Math.ceil((20_000 - 3) / 7));
    expect([...index.entries()]).toHaveLength(20_007);
  });

  it('finds the same words as foldText, accents, ligatures and combining marks folded', () => {
    const text = 'Œuvre: Éphémère conteneurs, Straße & cafe\u0301 — ﬁnOps';
    const index = new TermIndex([]);
    index.add(lowerFold(text), 1);

    expect(foldText(text)).toBe('oeuvre ephemere conteneurs strasse cafe finops');
    expect([...index.entries()].map(([word]) => word)).toEqual(foldText(text).split(' '));
  });
});
