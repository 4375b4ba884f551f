import { lowerFold } from './text.ts';

/**
 * Postings of every word to the entries (talk and field) it appears in. Start-up time at
 * ten thousand talks is mostly this index, so the builder avoids what V8 makes costly
 * per word: it folds case and accents as it scans rather than copying each text first,
 * hashes the characters as they go by rather than slicing a string per word, and
 * appends each word's id under its entry to flat chunks, sorted into postings once at the
 * end, rather than growing one small array per word.
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 16777619;

/** FNV-1a of `word` without its character at `skip` (none by default), as the scanner hashes words. */
export function hashOf(word: string, skip = -1): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < word.length; i++) if (i !== skip) hash = Math.imul(hash ^ word.charCodeAt(i), FNV_PRIME);
  return hash;
}

function isWordCode(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
}

/** FOLD values besides a letter's or digit's code: the unit folds to no letter or digit, and so separates words ("’", "«", a no-break space). */
const SEPARATOR = 0;
/** It folds to something else: nothing (a combining mark), two letters ("œ"), "MHz" ("㎒"). */
const COMPLEX = -1;
/** Not met yet. */
const UNSEEN = -2;

/**
 * What lowerFold makes of each UTF-16 unit, as the scanner needs it: the code of the one
 * letter or digit it folds to ("É" and "E" to "e"), SEPARATOR or COMPLEX. One table lookup
 * a character, ASCII or not; filled as units are met.
 */
const FOLD = new Int8Array(0x10000).fill(UNSEEN);

function classify(code: number): number {
  const folded = lowerFold(String.fromCharCode(code));
  if (folded.length === 1 && isWordCode(folded.charCodeAt(0))) FOLD[code] = folded.charCodeAt(0);
  else FOLD[code] = folded !== '' && !/[a-z0-9]/.test(folded) ? SEPARATOR : COMPLEX;
  return FOLD[code]!;
}

/** What FOLD says of text[i], classifying the unit the first time it is met. */
function foldAt(text: string, i: number): number {
  const code = text.charCodeAt(i);
  const folded = FOLD[code]!;
  return folded === UNSEEN ? classify(code) : folded;
}

// ASCII at once: the words of folded text (#scanFolded) are compared through the table too.
for (let code = 0; code < 128; code++) classify(code);

/** Ints per chunk: 256 KB, a small share of a large catalogue's postings and a few pages for a small one. */
const CHUNK_SIZE = 1 << 16;

function grown<T extends Int32Array | Uint16Array>(array: T, fill = 0): T {
  const larger = new (array.constructor as new (length: number) => T)(array.length * 2);
  larger.fill(fill, array.length);
  larger.set(array);
  return larger;
}

/** The words of the texts scanned, as ids in a hash table of their folded spellings. */
export class Words {
  /**
   * Open addressing, two int32 per slot: the word's hash, then its id + 1 (0 when free).
   * A probe then reads one cache line, and comparing a word reads the characters pool,
   * not a string object somewhere on the heap.
   */
  #slots = new Int32Array(2 << 12);
  #chars = new Uint16Array(1 << 16);
  #charsUsed = 0;
  #start = new Int32Array(1 << 11);
  readonly terms: string[] = [];

  /** The id of `word` (a foldText word), or -1. */
  find(word: string): number {
    const slot = this.#slot(word, 0, word.length, hashOf(word));
    return slot < 0 ? -1 : this.#slots[2 * slot + 1]! - 1;
  }

  /** The ids of the words of the last scan, in order, repeats included: found[0, scan's result). */
  found = new Int32Array(256);
  #count = 0;

  /**
   * Finds the words of `text`, adding those not seen before, and returns how many it found
   * (their ids are in `found`). Words are the runs of a-z and 0-9 once `text` is lower-cased
   * and folded (lowerFold). Most words hold only characters that fold to one letter or
   * digit: they are folded, hashed and compared as they are scanned, with no copy of the
   * text. A run with any COMPLEX character is folded on its own, then scanned as folded text.
   */
  scan(text: string): number {
    this.#count = 0;
    const end = text.length;
    let i = 0;
    while (i < end) {
      let folded = foldAt(text, i);
      if (folded === SEPARATOR) {
        i++;
        continue;
      }
      const start = i;
      let hash = FNV_OFFSET;
      while (folded > 0) {
        hash = Math.imul(hash ^ folded, FNV_PRIME);
        folded = ++i < end ? foldAt(text, i) : SEPARATOR;
      }
      if (folded === SEPARATOR) {
        this.#found(text, start, i, hash);
        continue;
      }
      // A COMPLEX unit: the run, to the next separator, is folded on its own.
      while (i < end && foldAt(text, i) !== SEPARATOR) i++;
      this.#scanFolded(lowerFold(text.slice(start, i)));
    }
    return this.#count;
  }

  /** The words of a lowerFold text: there, whatever is not a-z or 0-9 separates words (folding "㎒" gives "MHz", whose capital is no letter to foldText). */
  #scanFolded(text: string): void {
    let start = -1;
    let hash = FNV_OFFSET;
    for (let i = 0; i <= text.length; i++) {
      const code = i < text.length ? text.charCodeAt(i) : 32;
      if (isWordCode(code)) {
        if (start < 0) {
          start = i;
          hash = FNV_OFFSET;
        }
        hash = Math.imul(hash ^ code, FNV_PRIME);
      } else if (start >= 0) {
        this.#found(text, start, i, hash);
        start = -1;
      }
    }
  }

  /** Appends the id of the word text[start, end) to `found`, adding the word when it is new. */
  #found(text: string, start: number, end: number, hash: number): void {
    const slot = this.#slot(text, start, end, hash);
    if (this.#count === this.found.length) this.found = grown(this.found);
    this.found[this.#count++] = slot >= 0 ? this.#slots[2 * slot + 1]! - 1 : this.#add(-1 - slot, text, start, end, hash);
  }

  /** The slot holding the word text[start, end) folded, or -1 - the free slot where it would go. */
  #slot(text: string, start: number, end: number, hash: number): number {
    const slots = this.#slots;
    const mask = (slots.length >> 1) - 1;
    const length = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const stored = slots[2 * slot + 1]!;
      if (stored === 0) return -1 - slot;
      if (slots[2 * slot] !== hash) continue;
      const from = this.#start[stored - 1]!;
      if (this.#start[stored]! - from !== length) continue;
      let k = 0;
      while (k < length && this.#chars[from + k] === FOLD[text.charCodeAt(start + k)]) k++;
      if (k === length) return slot;
    }
  }

  #add(slot: number, text: string, start: number, end: number, hash: number): number {
    const id = this.terms.length;
    this.terms.push(lowerFold(text.slice(start, end)));
    while (this.#charsUsed + end - start > this.#chars.length) this.#chars = grown(this.#chars);
    for (let i = start; i < end; i++) this.#chars[this.#charsUsed++] = FOLD[text.charCodeAt(i)]!;
    // #start[id + 1] is where the word after this one starts: a word's length is the difference.
    if (id + 2 > this.#start.length) this.#start = grown(this.#start);
    this.#start[id + 1] = this.#charsUsed;
    this.#slots[2 * slot] = hash;
    this.#slots[2 * slot + 1] = id + 1;
    if (this.terms.length * 4 > this.#slots.length) this.#rehash();
    return id;
  }

  #rehash(): void {
    const old = this.#slots;
    const slots = new Int32Array(old.length * 2);
    const mask = (slots.length >> 1) - 1;
    for (let from = 0; from < old.length; from += 2) {
      if (old[from + 1] === 0) continue;
      let slot = old[from]! & mask;
      while (slots[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
      slots[2 * slot] = old[from]!;
      slots[2 * slot + 1] = old[from + 1]!;
    }
    this.#slots = slots;
  }
}

export class TermIndexBuilder {
  readonly #words = new Words();
  /** Words never indexed: the query side drops them too. Ids below this are theirs. */
  readonly #ignoredBelow: number;
  /**
   * The postings as added: word ids, each run of them preceded by the entry they are under,
   * stored as -1 - entry (ids are never negative). In chunks of CHUNK_SIZE ints rather than one
   * array doubled as it fills: a copy touches fresh memory twice the size of what it moves,
   * and a page touched for the first time is the costly part of start-up on a virtual machine.
   */
  readonly #chunks: Int32Array[] = [];
  #chunk = new Int32Array(0);
  #used = 0;
  #entry = -1;
  /** Each word's latest entry, so that a word repeated in one entry is posted once. */
  #lastEntry = new Int32Array(1 << 11).fill(-1);
  /** Each word's number of entries: where its postings start is then known without another pass. */
  #counts = new Int32Array(1 << 11);

  constructor(ignored: Iterable<string>) {
    for (const word of ignored) this.#words.scan(word);
    this.#ignoredBelow = this.#words.terms.length;
  }

  /** Indexes the words of `text` (any case and accents) under `entry`; entries must come in increasing order. */
  add(text: string, entry: number): void {
    const count = this.#words.scan(text);
    const found = this.#words.found;
    for (let k = 0; k < count; k++) this.#addPair(found[k]!, entry);
  }

  /**
   * The ids of the words of `text`, for a text that many entries share (a topic's names):
   * scanned once, added to each entry with addIds.
   */
  ids(text: string): Int32Array {
    return this.#words.found.slice(0, this.#words.scan(text));
  }

  /** Adds `entry` to the postings of `ids`; entries must come in increasing order. */
  addIds(ids: Int32Array, entry: number): void {
    for (let k = 0; k < ids.length; k++) this.#addPair(ids[k]!, entry);
  }

  #addPair(id: number, entry: number): void {
    if (id < this.#ignoredBelow) return;
    while (id >= this.#lastEntry.length) {
      this.#lastEntry = grown(this.#lastEntry, -1);
      this.#counts = grown(this.#counts);
    }
    if (this.#lastEntry[id] === entry) return;
    this.#lastEntry[id] = entry;
    this.#counts[id]!++;
    if (entry !== this.#entry) {
      this.#push(-1 - entry);
      this.#entry = entry;
    }
    this.#push(id);
  }

  #push(value: number): void {
    if (this.#used === this.#chunk.length) {
      this.#chunk = new Int32Array(CHUNK_SIZE);
      this.#chunks.push(this.#chunk);
      this.#used = 0;
    }
    this.#chunk[this.#used++] = value;
  }

  /** Sorts the pairs by word (a counting sort: entries keep their order) into the index. */
  build(): TermIndex {
    // Locals, not fields, in the loops: this runs once, before V8 has optimised much.
    const chunks = this.#chunks.map((chunk) => (chunk === this.#chunk ? chunk.subarray(0, this.#used) : chunk));
    const count = this.#words.terms.length;
    const counts = this.#counts;
    const offsets = new Int32Array(count + 1);
    for (let id = 0; id < count; id++) offsets[id + 1] = offsets[id]! + counts[id]!;
    const next = offsets.slice(0, count);
    const entries = new Int32Array(offsets[count]!);
    let entry = 0;
    for (const chunk of chunks) {
      for (let p = 0; p < chunk.length; p++) {
        const value = chunk[p]!;
        if (value < 0) entry = -1 - value;
        else entries[next[value]!++] = entry;
      }
    }
    return new TermIndex(this.#words, this.#ignoredBelow, offsets, entries);
  }
}

export class TermIndex {
  readonly #words: Words;
  readonly #ignoredBelow: number;
  readonly #offsets: Int32Array;
  readonly #entries: Int32Array;

  constructor(words: Words, ignoredBelow: number, offsets: Int32Array, entries: Int32Array) {
    this.#words = words;
    this.#ignoredBelow = ignoredBelow;
    this.#offsets = offsets;
    this.#entries = entries;
  }

  /** The entries of `term` (a foldText word), in the order they were added. */
  postings(term: string): Int32Array | undefined {
    const id = this.#words.find(term);
    return id < this.#ignoredBelow || this.#offsets[id] === this.#offsets[id + 1] ? undefined : this.#of(id);
  }

  /** The indexed words: those with postings. */
  words(): string[] {
    const words: string[] = [];
    for (let id = this.#ignoredBelow; id < this.#words.terms.length; id++) if (this.#offsets[id] !== this.#offsets[id + 1]) words.push(this.#words.terms[id]!);
    return words;
  }

  /**
   * How many groups of entries a word appears in, a group being the entries that are equal
   * once shifted right by `shift` (for the searcher, one talk's fields); 0 for a word not
   * indexed. Counted for every word in one pass over the postings, which hold each word's
   * entries in order.
   */
  groupCounter(shift: number): (term: string) => number {
    const offsets = this.#offsets;
    const entries = this.#entries;
    const counts = new Int32Array(this.#words.terms.length);
    for (let id = this.#ignoredBelow; id < counts.length; id++) {
      let last = -1;
      for (let k = offsets[id]!; k < offsets[id + 1]!; k++) {
        const group = entries[k]! >> shift;
        if (group !== last) counts[id]!++;
        last = group;
      }
    }
    return (term) => {
      const id = this.#words.find(term);
      return id < this.#ignoredBelow ? 0 : counts[id]!;
    };
  }

  #of(id: number): Int32Array {
    return this.#entries.subarray(this.#offsets[id], this.#offsets[id + 1]);
  }
}
