import { lowerFold, tokenize } from './text.ts';

/**
 * Postings of every word to the entries (talk and field) it appears in. Start-up time at
 * ten thousand talks is mostly this index, so the builder avoids what V8 makes costly
 * per word: it folds case and accents as it scans rather than copying each text first,
 * hashes the characters as they go by rather than slicing a string per word, and posts
 * each entry straight into its word's blocks, so that no sort or copy follows the scan.
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

// ASCII at once: folded words (Words.intern) are compared through the table too.
for (let code = 0; code < 128; code++) classify(code);

function grown<T extends Int32Array | Uint16Array>(array: T, fill = 0): T {
  const larger = new (array.constructor as new (length: number) => T)(array.length * 2);
  larger.fill(fill, array.length);
  larger.set(array);
  return larger;
}

/** Words as ids in a hash table of their folded spellings. */
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

  /** The id of `word` (a foldText word), added if new. */
  intern(word: string): number {
    return this.idOf(word, 0, word.length, hashOf(word));
  }

  /**
   * The id of the word text[start, end), added if new, for a run of units that each fold
   * to one letter or digit and hash to `hash` once folded (as hashOf does).
   */
  idOf(text: string, start: number, end: number, hash: number): number {
    const slot = this.#slot(text, start, end, hash);
    return slot >= 0 ? this.#slots[2 * slot + 1]! - 1 : this.#add(-1 - slot, text, start, end, hash);
  }

  /** The slot holding the word text[start, end) folded, or -1 - the free slot where it would go. */
  #slot(text: string, start: number, end: number, hash: number): number {
    const slots = this.#slots;
    const chars = this.#chars;
    const starts = this.#start;
    const mask = (slots.length >> 1) - 1;
    const length = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const stored = slots[2 * slot + 1]!;
      if (stored === 0) return -1 - slot;
      if (slots[2 * slot] !== hash) continue;
      const from = starts[stored - 1]!;
      if (starts[stored]! - from !== length) continue;
      let k = 0;
      while (k < length && chars[from + k] === FOLD[text.charCodeAt(start + k)]) k++;
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

/** Ints per pool chunk: 256 KB, a small share of a large catalogue's postings and a few pages for a small one. */
const CHUNK_BITS = 16;
const CHUNK_SIZE = 1 << CHUNK_BITS;
/** A word's first block holds FIRST_BLOCK - 1 entries and a link; each next one is twice as large, up to MAX_BLOCK. */
const FIRST_BLOCK = 4;
const MAX_BLOCK = 256;

/** The size of the block that a word's entry number `count` (from 0) opens, its earlier blocks being full. */
function blockSize(count: number): number {
  let size = FIRST_BLOCK;
  for (let before = size - 1; before <= count; before += size - 1) size = Math.min(MAX_BLOCK, 2 * size);
  return size;
}

/**
 * Each word's entries, in blocks of a shared pool of chunks: a block ends with the address
 * of the next one. Entries go straight to their word's block as they are scanned, so that
 * nothing is sorted or copied once the scan is done; chunks rather than one array doubled as
 * it fills, since a copy touches fresh memory twice the size of what it moves, and a page
 * touched for the first time is the costly part of start-up on a virtual machine.
 */
class Postings {
  readonly #chunks: Int32Array[] = [];
  #chunk = new Int32Array(0);
  #used = 0;
  /** Per word: where its first block is, where its next entry goes, where its current block's link is. */
  #head = new Int32Array(1 << 11);
  #next = new Int32Array(1 << 11);
  #link = new Int32Array(1 << 11);
  /** Per word: entries so far. */
  #count = new Int32Array(1 << 11);

  /** Room for word ids below `words`. */
  reserve(words: number): void {
    while (words > this.#count.length) {
      this.#head = grown(this.#head);
      this.#next = grown(this.#next);
      this.#link = grown(this.#link);
      this.#count = grown(this.#count);
    }
  }

  add(id: number, entry: number): void {
    let at = this.#next[id]!;
    if (at === this.#link[id]) {
      // No block yet (both 0), or the current one is full: link a new one.
      const size = blockSize(this.#count[id]!);
      const block = this.#block(size);
      if (this.#count[id] === 0) this.#head[id] = block;
      else this.#chunks[at >>> CHUNK_BITS]![at & (CHUNK_SIZE - 1)] = block;
      this.#link[id] = block + size - 1;
      at = block;
    }
    this.#chunks[at >>> CHUNK_BITS]![at & (CHUNK_SIZE - 1)] = entry;
    this.#next[id] = at + 1;
    this.#count[id]!++;
  }

  /** How many entries word `id` has. */
  count(id: number): number {
    return id < this.#count.length ? this.#count[id]! : 0;
  }

  /** Word `id`'s entries, read out of its blocks in the order they were added. */
  entries(id: number): Int32Array {
    const count = this.count(id);
    const entries = new Int32Array(count);
    let at = this.#head[id]!;
    let size = FIRST_BLOCK;
    for (let done = 0; done < count; ) {
      const chunk = this.#chunks[at >>> CHUNK_BITS]!;
      const from = at & (CHUNK_SIZE - 1);
      const take = Math.min(size - 1, count - done);
      entries.set(chunk.subarray(from, from + take), done);
      done += take;
      at = chunk[from + size - 1]!;
      size = Math.min(MAX_BLOCK, 2 * size);
    }
    return entries;
  }

  /** The address of a new block of `size` ints, within one chunk. */
  #block(size: number): number {
    if (this.#used + size > this.#chunk.length) {
      this.#chunk = new Int32Array(CHUNK_SIZE);
      this.#chunks.push(this.#chunk);
      this.#used = 0;
    }
    const address = ((this.#chunks.length - 1) << CHUNK_BITS) + this.#used;
    this.#used += size;
    return address;
  }
}

export class TermIndexBuilder {
  readonly #words = new Words();
  readonly #postings = new Postings();
  /** Words never indexed: the query side drops them too. Ids below this are theirs. */
  readonly #ignoredBelow: number;
  readonly #groupShift: number;
  /** Each word's latest entry, so that a word repeated in one entry is posted once, and its number of groups (see TermIndex.groups). */
  #lastEntry = new Int32Array(1 << 11).fill(-1);
  #groups = new Int32Array(1 << 11);

  /**
   * `ignored`: words never to index. A group is the entries that are equal once shifted
   * right by `groupShift` (for the searcher, one talk's fields).
   */
  constructor(ignored: Iterable<string>, groupShift: number) {
    for (const word of ignored) this.ids(word);
    this.#ignoredBelow = this.#words.terms.length;
    this.#groupShift = groupShift;
  }

  /**
   * Indexes the words of `text` (any case and accents) under `entry`; entries must come in
   * increasing order. Words are the runs of a-z and 0-9 once `text` is lower-cased and folded
   * (lowerFold). Most words hold only characters that fold to one letter or digit: they are
   * folded, hashed and looked up as they are scanned, with no copy of the text. A run with
   * any COMPLEX character is folded on its own, then split into words.
   */
  add(text: string, entry: number): void {
    const words = this.#words;
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
        this.#post(words.idOf(text, start, i, hash), entry);
        continue;
      }
      // A COMPLEX unit: the run, to the next separator, is folded on its own.
      while (i < end && foldAt(text, i) !== SEPARATOR) i++;
      this.addIds(this.ids(text.slice(start, i)), entry);
    }
  }

  /**
   * The ids of the words of `text`, for a text that many entries share (a topic's names):
   * found once, added to each entry with addIds.
   */
  ids(text: string): Int32Array {
    return Int32Array.from(tokenize(text), (word) => this.#words.intern(word));
  }

  /** Adds `entry` to the postings of `ids`; entries must come in increasing order. */
  addIds(ids: Int32Array, entry: number): void {
    for (let k = 0; k < ids.length; k++) this.#post(ids[k]!, entry);
  }

  #post(id: number, entry: number): void {
    if (id < this.#ignoredBelow) return;
    while (id >= this.#lastEntry.length) this.#grow();
    const last = this.#lastEntry[id]!;
    if (last === entry) return;
    // No entry yet (-1) is in no group.
    if (last >> this.#groupShift !== entry >> this.#groupShift) this.#groups[id]!++;
    this.#lastEntry[id] = entry;
    this.#postings.add(id, entry);
  }

  #grow(): void {
    this.#lastEntry = grown(this.#lastEntry, -1);
    this.#groups = grown(this.#groups);
    this.#postings.reserve(this.#lastEntry.length);
  }

  build(): TermIndex {
    return new TermIndex(this.#words, this.#ignoredBelow, this.#postings, this.#groups);
  }
}

export class TermIndex {
  readonly #words: Words;
  readonly #ignoredBelow: number;
  readonly #postings: Postings;
  readonly #groups: Int32Array;

  constructor(words: Words, ignoredBelow: number, postings: Postings, groups: Int32Array) {
    this.#words = words;
    this.#ignoredBelow = ignoredBelow;
    this.#postings = postings;
    this.#groups = groups;
  }

  /** The entries of `term` (a foldText word), in the order they were added. */
  postings(term: string): Int32Array | undefined {
    const id = this.#indexed(term);
    return id < 0 ? undefined : this.#postings.entries(id);
  }

  /** How many groups of entries `term` appears in (for the searcher, talks); 0 for a word not indexed. */
  groups(term: string): number {
    const id = this.#indexed(term);
    return id < 0 ? 0 : this.#groups[id]!;
  }

  /** The indexed words: those with postings. */
  words(): string[] {
    const words: string[] = [];
    for (let id = this.#ignoredBelow; id < this.#words.terms.length; id++) if (this.#postings.count(id) > 0) words.push(this.#words.terms[id]!);
    return words;
  }

  /** The id of `term` if it has postings, or -1. */
  #indexed(term: string): number {
    const id = this.#words.find(term);
    return id < this.#ignoredBelow || this.#postings.count(id) === 0 ? -1 : id;
  }
}
