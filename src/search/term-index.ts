/**
 * Postings of every word to the entries (talk and field) it appears in, built by one scan
 * over each text. Start-up time at ten thousand talks is mostly this index: a string per
 * word and V8 hashing each one cost several times more than hashing the characters as
 * they are scanned and comparing in place, which is what this does.
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 16777619;

function isWordChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
}

function hashOf(word: string): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), FNV_PRIME);
  return hash;
}

export class TermIndex {
  /** Open addressing: slot -> term id + 1, 0 when free. */
  #slots = new Int32Array(1 << 12);
  readonly #terms: string[] = [];
  // Typed: hashes are int32, which V8 would box one by one in a plain array.
  #hashes = new Int32Array(1 << 11);
  readonly #postings: number[][] = [];
  // Dense arrays, one slot per term: reading past an array's end is a slow path in V8.
  readonly #ignored: boolean[] = [];
  #ignoring = true;

  /** Words never indexed: the query side drops them too. */
  constructor(ignored: Iterable<string>) {
    for (const word of ignored) this.#id(word, 0, word.length, hashOf(word));
    this.#ignoring = false;
  }

  /** Indexes the words of `text` under `entry`; entries must come in increasing order. */
  add(text: string, entry: number): void {
    this.#scan(text, (id) => this.#post(id, entry));
  }

  /**
   * The ids of the indexed words of `text`, repeats included, for a text that many entries
   * share (a topic's names): scanned once, added to each entry with addIds.
   */
  ids(text: string): number[] {
    const ids: number[] = [];
    this.#scan(text, (id) => ids.push(id));
    return ids;
  }

  /** Adds `entry` to the postings of `ids`; entries must come in increasing order. */
  addIds(ids: readonly number[], entry: number): void {
    for (const id of ids) this.#post(id, entry);
  }

  /**
   * Calls `visit` with the id of each indexed word of `text`. Words are runs of a-z and
   * 0-9: `text` must be lower-case with accents folded (lowerFold), as foldText's words are.
   */
  #scan(text: string, visit: (id: number) => void): void {
    let start = -1;
    let hash = 0;
    for (let i = 0; i <= text.length; i++) {
      const code = i < text.length ? text.charCodeAt(i) : 32;
      if (isWordChar(code)) {
        if (start < 0) {
          start = i;
          hash = FNV_OFFSET;
        }
        hash = Math.imul(hash ^ code, FNV_PRIME);
      } else if (start >= 0) {
        const id = this.#id(text, start, i, hash);
        start = -1;
        if (!this.#ignored[id]) visit(id);
      }
    }
  }

  #post(id: number, entry: number): void {
    const list = this.#postings[id]!;
    // Entries arrive in order, so a word already seen in this entry is the list's last.
    if (list[list.length - 1] !== entry) list.push(entry);
  }

  /** The entries of `term`, in the order they were added. */
  postings(term: string): readonly number[] | undefined {
    const id = this.#find(term, 0, term.length, hashOf(term));
    return id < 0 || this.#ignored[id] ? undefined : this.#postings[id];
  }

  /** Every indexed word with its entries. */
  *entries(): Generator<[string, readonly number[]]> {
    for (let id = 0; id < this.#terms.length; id++) {
      if (!this.#ignored[id]) yield [this.#terms[id]!, this.#postings[id]!];
    }
  }

  #find(text: string, start: number, end: number, hash: number): number {
    const mask = this.#slots.length - 1;
    const length = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const stored = this.#slots[slot]!;
      if (stored === 0) return -1 - slot;
      const id = stored - 1;
      const term = this.#terms[id]!;
      if (this.#hashes[id] === hash && term.length === length && text.startsWith(term, start)) return id;
    }
  }

  #id(text: string, start: number, end: number, hash: number): number {
    const found = this.#find(text, start, end, hash);
    if (found >= 0) return found;
    const id = this.#terms.length;
    this.#terms.push(text.slice(start, end));
    if (id === this.#hashes.length) {
      const hashes = new Int32Array(id * 2);
      hashes.set(this.#hashes);
      this.#hashes = hashes;
    }
    this.#hashes[id] = hash;
    this.#postings.push([]);
    this.#ignored.push(this.#ignoring);
    this.#slots[-1 - found] = id + 1;
    if (this.#terms.length * 2 > this.#slots.length) this.#grow();
    return id;
  }

  #grow(): void {
    const slots = new Int32Array(this.#slots.length * 2);
    const mask = slots.length - 1;
    for (let id = 0; id < this.#terms.length; id++) {
      let slot = this.#hashes[id]! & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = id + 1;
    }
    this.#slots = slots;
  }
}
