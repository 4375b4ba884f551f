import { hashOf } from './term-index.ts';
import { editDistance } from './text.ts';

export interface TermMatch {
  readonly term: string;
  /** 1 for the word itself, less for a plural, a prefix or a typo. */
  readonly similarity: number;
}

/**
 * Finds the indexed words a typed word may stand for: itself, its plural or singular,
 * a longer word it begins, or a word one or two typos away. A symmetric-deletion index
 * answers the one-typo case without scanning the vocabulary, so lookups stay fast as
 * the catalogue grows.
 */
export class Vocabulary {
  readonly #terms: ReadonlySet<string>;
  readonly #list: readonly string[];
  readonly #byDeletion: DeletionIndex;
  readonly #byLength = new Map<number, string[]>();
  readonly #sorted: readonly string[];

  constructor(terms: Iterable<string>) {
    this.#terms = new Set(terms);
    this.#list = [...this.#terms];
    this.#byDeletion = new DeletionIndex(this.#list);
    for (const term of this.#list) {
      const bucket = this.#byLength.get(term.length) ?? [];
      bucket.push(term);
      this.#byLength.set(term.length, bucket);
    }
    this.#sorted = [...this.#list].sort();
  }

  has(term: string): boolean {
    return this.#terms.has(term);
  }

  get size(): number {
    return this.#terms.size;
  }

  lookup(word: string): TermMatch[] {
    const found = new Map<string, number>();
    const add = (term: string, similarity: number) => {
      if ((found.get(term) ?? 0) < similarity) found.set(term, similarity);
    };
    if (this.#terms.has(word)) add(word, 1);
    for (const variant of inflections(word)) if (this.#terms.has(variant)) add(variant, 0.95);
    // Short words are too ambiguous for fuzziness: "ci" must not become "cd".
    if (word.length >= 5) {
      for (const term of this.#withPrefix(word)) if (term.length - word.length <= 4) add(term, 0.75);
    }
    if (found.size > 0 || word.length < 4) return toMatches(found);

    for (const key of [hashOf(word), ...Array.from(word, (_, i) => hashOf(word, i))]) {
      for (const id of this.#byDeletion.terms(key)) {
        if (editDistance(word, this.#list[id]!, 1) <= 1) add(this.#list[id]!, 0.8);
      }
    }
    if (found.size === 0 && word.length >= 7) {
      for (let length = word.length - 2; length <= word.length + 2; length++) {
        for (const term of this.#byLength.get(length) ?? []) {
          if (term[0] === word[0] && editDistance(word, term, 2) <= 2) add(term, 0.65);
        }
      }
    }
    return toMatches(found);
  }

  *#withPrefix(prefix: string): Generator<string> {
    let low = 0;
    let high = this.#sorted.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.#sorted[mid]! < prefix) low = mid + 1;
      else high = mid;
    }
    for (let i = low; i < this.#sorted.length && this.#sorted[i]!.startsWith(prefix); i++) {
      if (this.#sorted[i] !== prefix) yield this.#sorted[i]!;
    }
  }
}

function toMatches(found: Map<string, number>): TermMatch[] {
  return [...found].map(([term, similarity]) => ({ term, similarity })).sort((a, b) => b.similarity - a.similarity);
}

/**
 * Each term of four letters or more under the hashes of its one-letter deletions: a typed
 * word one typo away shares one with it. Hashes, not the deleted strings themselves, so
 * that start-up allocates no string per deletion; a collision only adds a candidate that
 * the edit distance then rules out.
 */
class DeletionIndex {
  readonly #hashes: Int32Array;
  readonly #terms: Int32Array;
  readonly #next: Int32Array;
  readonly #heads: Int32Array;

  constructor(terms: readonly string[]) {
    let size = 0;
    for (const term of terms) if (term.length >= 4) size += term.length;
    this.#hashes = new Int32Array(size);
    this.#terms = new Int32Array(size);
    this.#next = new Int32Array(size);
    this.#heads = new Int32Array(2 ** Math.ceil(Math.log2(size + 1))).fill(-1);
    const mask = this.#heads.length - 1;
    let used = 0;
    terms.forEach((term, id) => {
      if (term.length < 4) return;
      for (let skip = 0; skip < term.length; skip++) {
        const hash = hashOf(term, skip);
        this.#hashes[used] = hash;
        this.#terms[used] = id;
        this.#next[used] = this.#heads[hash & mask]!;
        this.#heads[hash & mask] = used++;
      }
    });
  }

  /** Ids of the terms with a deletion of this hash, repeats possible. */
  *terms(hash: number): Generator<number> {
    for (let at = this.#heads[hash & (this.#heads.length - 1)]!; at >= 0; at = this.#next[at]!) {
      if (this.#hashes[at] === hash) yield this.#terms[at]!;
    }
  }
}

/** Plural and singular forms in English and French, enough for search (not a stemmer). */
function inflections(word: string): string[] {
  const forms = [`${word}s`, `${word}es`, `${word}x`];
  if (word.length > 3 && /[sx]$/.test(word)) forms.push(word.slice(0, -1));
  if (word.length > 4 && word.endsWith('es')) forms.push(word.slice(0, -2));
  if (word.length > 4 && word.endsWith('ies')) forms.push(`${word.slice(0, -3)}y`);
  if (word.endsWith('y')) forms.push(`${word.slice(0, -1)}ies`);
  if (word.length > 5 && word.endsWith('ing')) forms.push(word.slice(0, -3), `${word.slice(0, -3)}e`);
  return forms;
}
