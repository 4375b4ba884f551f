/**
 * Text folding shared by indexing and querying: both sides must agree exactly, or an
 * accent or a ligature would make a word unfindable.
 */
const LIGATURES: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss', ø: 'o', đ: 'd', ł: 'l' };

/** Bounded, so that hostile input made of every character there is cannot grow it without end. */
const FOLD_CACHE_SIZE = 4096;
const foldedChars = new Map<string, string>();
const NON_ASCII = /[^\x00-\x7f]/;
const NON_ASCII_ALL = /[^\x00-\x7f]/g;

/**
 * One non-ASCII UTF-16 unit folded: ligatures spelled out, accents and other marks dropped.
 * Units, not code points: a regex without the `u` flag is several times quicker, and the
 * characters beyond the first plane (emoji and the like) are never words to index anyway.
 */
function foldChar(char: string): string {
  let result = foldedChars.get(char);
  if (result === undefined) {
    result = (LIGATURES[char] ?? char).normalize('NFKD').replace(/\p{M}+/gu, '');
    if (foldedChars.size < FOLD_CACHE_SIZE) foldedChars.set(char, result);
  }
  return result;
}

/**
 * Lower-case with accents and ligatures folded, punctuation kept: the words of foldText
 * are exactly the runs of a-z and 0-9 in it. Folding character by character, with a
 * cache, rather than normalising whole strings keeps the index's start-up quick.
 */
export function lowerFold(input: string): string {
  const lower = input.toLowerCase();
  return NON_ASCII.test(lower) ? lower.replace(NON_ASCII_ALL, foldChar) : lower;
}

/** Lower-case, accents and punctuation removed, words separated by single spaces. */
export function foldText(input: string): string {
  return lowerFold(input).replace(/[^a-z0-9]+/g, ' ').trim();
}

export function tokenize(input: string): string[] {
  const folded = foldText(input);
  return folded ? folded.split(' ') : [];
}

/**
 * Words that carry no meaning in a search, in both languages, plus the filler people
 * type to a bot ("any talks about ...", "je cherche une conf sur ..."). Folded forms.
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    // English
    'a an the and or of to in on at for from by with without into about over under as is are was were be been being ' +
    'it its this that these those there here what which who whom whose when where why how do does did can could should ' +
    'would will shall may might must i me my we us our you your they them their he she his her any some all anything ' +
    'something tell show find give get want need looking look search please thanks thank hi hello hey bot kubecon ' +
    'talk talks conference conferences conf confs session sessions video videos presentation presentations watch ' +
    'recommend recommendation recommendations suggest suggestions best good great interesting one ones like than then so ' +
    'just also more most very not no yes if but up out other others such what s ' +
    // French
    'le la les l un une des de du d et ou au aux a en dans sur sous pour par avec sans ce cet cette ces ca cela ' +
    'qui que quoi qu quel quelle quels quelles est sont etait etre ete il elle ils elles on nous vous je j tu te toi moi ' +
    'me mon ma mes ton ta tes son sa ses notre nos votre vos leur leurs y se s ne n pas plus tres comment pourquoi quand ' +
    'ou donc mais si tout tous toute toutes quelque quelques chose cherche chercher trouver montre montrer donne donner ' +
    'veux voudrais besoin merci salut bonjour parle parler propos conference conferences conf intervention video videos ' +
    'talk talks presentation presentations regarder recommande recommander conseille conseiller bon bonne bien meilleur ' +
    'meilleurs meilleure interessant autre autres ' +
    // What people want to do with a tool, which says nothing about which talk: "replace X", "réduire Y"
    'use using used utiliser utilise utilisation replace replacing remplacer remplace compare comparing comparer ' +
    'versus vs setup configure configurer install installer mettre place faire do make doing learn apprendre ' +
    'understand comprendre improve ameliorer reduce reducing reduire diminuer avoid eviter manage managing gerer ' +
    'handle start starting commencer demarrer try trying essayer tester ideas idees tips conseils'
  ).split(' '),
);

/** The three rows editDistance works in, kept between calls: typo lookups make many, each on short words. */
let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/** Damerau-Levenshtein (optimal string alignment) distance, bounded: exact up to max, some larger number beyond it. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const cols = b.length + 1;
  if (cols > rows[0]!.length) rows = rows.map(() => new Int32Array(2 * cols));
  let prevPrev = rows[0]!;
  let prev = rows[1]!;
  let current = rows[2]!;
  for (let j = 0; j < cols; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(prev[j]! + 1, current[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, prevPrev[j - 2]! + 1);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    const done = prevPrev;
    prevPrev = prev;
    prev = current;
    current = done;
  }
  return prev[cols - 1]!;
}
