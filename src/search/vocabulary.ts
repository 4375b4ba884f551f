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
  readonly #byDeletion = new Map<string, string[]>();
  readonly #byLength = new Map<number, string[]>();
  readonly #sorted: readonly string[];

  constructor(terms: Iterable<string>) {
    this.#terms = new Set(terms);
    for (const term of this.#terms) {
      const bucket = this.#byLength.get(term.length) ?? [];
      bucket.push(term);
      this.#byLength.set(term.length, bucket);
      if (term.length < 4) continue;
      for (const key of deletions(term)) {
        const list = this.#byDeletion.get(key);
        if (list) list.push(term);
        else this.#byDeletion.set(key, [term]);
      }
    }
    this.#sorted = [...this.#terms].sort();
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

    for (const key of [word, ...deletions(word)]) {
      for (const term of this.#byDeletion.get(key) ?? []) {
        if (editDistance(word, term, 1) <= 1) add(term, 0.8);
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

function deletions(word: string): string[] {
  const result: string[] = [];
  for (let i = 0; i < word.length; i++) result.push(word.slice(0, i) + word.slice(i + 1));
  return result;
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
