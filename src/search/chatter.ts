/**
 * Stages 1 and 2 of the query pipeline, on folded words (see foldText): the politeness
 * around a request and the phrasing of a question, in both languages, so that "yo any
 * talk on chaos engineering?? thx" and "qu'est-ce qu'ils ont pensé de Flagger ?" search
 * for "chaos engineering" and "flagger". Punctuation is already gone with the folding.
 */

/** Greetings, thanks and politeness: dropped wherever they stand. */
const POLITENESS = new Set(
  (
    'hi hey heya hello hullo yo hiya sup morning please pls plz plx plse thx thks thanks thank ty tyvm cheers ' +
    'ok okay lol guys folks team salut bonjour bonsoir coucou merci mercii stp svp steuplait stuplait ' +
    're bisous cc slt bjr dis bot kubecon fyi btw qq tldr imo imho tbh afaik'
  ).split(' '),
);

/**
 * How people ask, not what they ask about. Folded, matched as whole runs of words anywhere,
 * longest first. Single words that only ever frame a question are in STOPWORDS instead.
 */
const PHRASES: readonly string[] = [
  // English
  'what did the team think of',
  'what did the team think about',
  'what did you think of',
  'what did you think about',
  'what do you think of',
  'what do you think about',
  'what does the team think of',
  'what does the team think about',
  'what was the takeaway on',
  'what was the takeaway from',
  'what were the takeaways on',
  'what s the team s opinion on',
  'what is the team s opinion on',
  'what is the verdict on',
  'what is the team position on',
  'what s the team position on',
  'the team s position on',
  'thoughts on',
  'thoughts about',
  'what s the verdict on',
  'is there a talk about',
  'is there a talk on',
  'is there any talk about',
  'is there any talk on',
  'are there talks about',
  'are there any talks about',
  'are there any talks on',
  'do you have anything on',
  'do you have anything about',
  'do you have something on',
  'do we have anything on',
  'anything on',
  'anything about',
  'something about',
  'something on',
  'any talk about',
  'any talk on',
  'any talks about',
  'any talks on',
  'looking for',
  'i m looking for',
  'can you recommend',
  'could you recommend',
  'can you find',
  'tell me about',
  'what about',
  'how about',
  'worth it',
  'is it worth',
  'is it any good',
  'any good',
  'what s new in',
  'what s new with',
  'lessons learned',
  'learnings on',
  'feedback on',
  'experience report',
  'war story',
  'war stories',
  // Slack's own habits around a question
  'cross posting from',
  'cross posting',
  'crossposting from',
  'x post from',
  'x posting from',
  'quick question',
  'random question',
  'is there a recap of',
  'a recap of',
  'recap of',
  // French
  'qu est ce qu ils ont pense de',
  'qu est ce qu ils ont pense du',
  'qu est ce qu ils ont pense des',
  'qu est ce que l equipe a pense de',
  'qu est ce que l equipe a pense du',
  'qu est ce que l equipe pense de',
  'qu est ce que vous avez pense de',
  'qu est ce que vous pensez de',
  'qu en pense l equipe',
  'que pense l equipe de',
  'que pense l equipe du',
  'l equipe pense quoi de',
  'c est quoi la position de l equipe sur',
  'c quoi la position de l equipe sur',
  'c quoi la position sur',
  'la position de l equipe sur',
  'vous en avez pense quoi',
  'vous en pensez quoi',
  'vous pensez quoi de',
  'vous avez pense quoi de',
  'l equipe a pense quoi de',
  'ils ont pense quoi de',
  'quel est l avis de l equipe sur',
  'l avis de l equipe sur',
  'votre avis sur',
  'ton avis sur',
  'il y a un talk sur',
  'il y a des talks sur',
  'y a un talk sur',
  'y a des talks sur',
  'y a t il un talk sur',
  'y a quelque chose sur',
  'y a un truc sur',
  't as un truc sur',
  't as un talk sur',
  't aurais un talk sur',
  't aurais un truc sur',
  'tu as un talk sur',
  'tu as quelque chose sur',
  'vous avez quelque chose sur',
  'un truc sur',
  'des trucs sur',
  'quelque chose sur',
  'des retours sur',
  'un retour sur',
  'retour d experience',
  'retours d experience',
  'retour d xp',
  'on en est ou sur',
  'on en est ou avec',
  'on en est ou de',
  'ou en est',
  'c est bien',
  'c est bien ou pas',
  'c est quoi',
  'ca vaut le coup',
  'ca vaut quoi',
  'ca donne quoi',
  'je cherche',
  'tu connais',
  'vous connaissez',
  'petite question',
  'question bete',
  'question rapide',
  'un recap de',
  'quoi de neuf',
  'du nouveau sur',
  'un recap sur',
];

/** Phrases by their first word, each list longest first. */
const BY_FIRST_WORD = new Map<string, string[][]>();
for (const phrase of PHRASES) {
  const words = phrase.split(' ');
  const list = BY_FIRST_WORD.get(words[0]!) ?? [];
  list.push(words);
  BY_FIRST_WORD.set(words[0]!, list);
}
for (const list of BY_FIRST_WORD.values()) list.sort((a, b) => b.length - a.length);

function phraseAt(words: readonly string[], at: number): number {
  for (const phrase of BY_FIRST_WORD.get(words[at]!) ?? []) {
    if (phrase.every((word, k) => words[at + k] === word)) return phrase.length;
  }
  return 0;
}

/** The words of a folded query without its politeness and question phrasing. */
export function stripChatter(words: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < words.length; ) {
    const phrase = phraseAt(words, i);
    if (phrase > 0) {
      i += phrase;
      continue;
    }
    const word = words[i]!;
    i += 1;
    // "stp", "pleeease", "merciii": a politeness word with its letters held down.
    if (!POLITENESS.has(word) && !POLITENESS.has(word.replace(/(.)\1+/g, '$1'))) kept.push(word);
  }
  return kept;
}
