import { eng, fra } from 'stopword';

/**
 * Text folding shared by indexing and querying: both sides must agree exactly, or an
 * accent or a ligature would make a word unfindable.
 */
const LIGATURES: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss', ø: 'o', đ: 'd', ł: 'l' };

/** Bounded, so that hostile input made of every character there is cannot grow it without end. */
const FOLD_CACHE_SIZE = 4096;
const foldedChars = new Map<string, string>();
const NON_ASCII = /[\u0080-\uffff]/;
const NON_ASCII_ALL = /[\u0080-\uffff]/g;

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
function lowerFold(input: string): string {
  const lower = input.toLowerCase();
  return NON_ASCII.test(lower) ? lower.replace(NON_ASCII_ALL, foldChar) : lower;
}

/** Lower-case, accents and punctuation removed, words separated by single spaces. */
export function foldText(input: string): string {
  return lowerFold(input)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The folded words of a text, none for a text without any. */
export function tokenize(input: string): string[] {
  const folded = foldText(input);
  return folded ? folded.split(' ') : [];
}

/**
 * Words that carry no meaning in a search: the stopword package's English and French
 * lists, plus what they lack: more function words, and the filler people type to a bot
 * ("any talks about ...", "je cherche une conf sur ..."). Folded forms.
 */
export const STOPWORDS: ReadonlySet<string> = new Set([
  ...[...eng, ...fra].map(foldText),
  ...// English
  (
    'without its whom whose when why does will shall may us she anything something tell show find give ' +
    'want need looking look see saw seen search please thanks thank hi hello hey bot kubecon talk talks conference ' +
    'conferences conf confs session sessions video videos presentation presentations watch recommend ' +
    'recommendation recommendations suggest suggestions best good great interesting one ones so just not ' +
    'no yes others ' +
    // French
    'sous ca quoi elles plus tres comment pourquoi quand donc si tout tous toute toutes quelque quelques ' +
    'chose cherche chercher trouver montre montrer donne donner veux voudrais besoin merci salut bonjour ' +
    'parle parler propos intervention regarder recommande recommander conseille conseiller bon bonne ' +
    'bien meilleur meilleurs meilleure interessant autre autres comme encore plein beaucoup viable lots lot many much ' +
    // What people want to do with a tool, which says nothing about which talk: "replace X", "réduire Y"
    'use using used utiliser utilise utilisation replace replacing remplacer remplace compare comparing ' +
    'comparer versus vs setup configure configurer install installer mettre place doing learn apprendre ' +
    'understand comprendre improve ameliorer reduce reducing reduire diminuer avoid eviter manage ' +
    'managing gerer handle start starting commencer demarrer try trying essayer tester ideas idees tips ' +
    'conseils ' +
    // How people frame a question to the bot, which is never what it is about
    'think thought thinks opinion opinions verdict view views team equipe pense pensez pensent penser ' +
    'avis truc trucs machin retex worth ever anyone someone somebody quelqu already deja vraiment really ' +
    'know connait connais connaissez sait savoir dit say says things thing stuff purpose needs needed ' +
    'vers chez fois cas genre type moment left days day happen happens happened year years annee annees ' +
    'ask asked asking wonder wondering question questions everything present presented presenting talked spoke ' +
    'gave notes bad worse worst presente presentee presentes parle raconte demande demandais gens gars'
  ).split(' '),
]);

/** Words that end like a plural and are not the plural of their singular: Windows is not a window. */
const NOT_PLURALS = new Set(['windows', 'kubernetes', 'jenkins', 'aws', 'ops', 'devops', 'finops', 'gitops', 'mlops', 'news']);

export function isNotPlural(word: string): boolean {
  return NOT_PLURALS.has(word);
}

/**
 * Singular and plural, in English and French, folded to one form for the index and the
 * query alike: "containers" and "container", "réseaux" and "réseau", "policies" and
 * "policy". Not a stemmer: other word forms are left to prefix and fuzzy matching.
 */
export function singular(word: string): string {
  if (isNotPlural(word)) return word;
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && word.endsWith('eaux')) return word.slice(0, -1);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && !word.endsWith('is'))
    return word.slice(0, -1);
  return word;
}

/**
 * A folded word as the index and the query both hold it: stopwords and short numbers
 * ("12", the "1" and "16" of "1.16") say nothing, so they are neither indexed nor asked
 * for; years are read as edition filters before this.
 */
export function indexTerm(word: string): string | null {
  return word === '' || STOPWORDS.has(word) || /^\d{1,3}$/.test(word) ? null : singular(word);
}
