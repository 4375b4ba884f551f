import type { Article } from '../catalogue/model.ts';
import type { Language } from '../catalogue/vocabulary.ts';
import { messages } from './messages.ts';

/** "kubecon 2022", "KubeCon Europe 2024", "Kubernetes Community Days France 2023": the event a team article is about. */
const EVENT = /\b(?:kubecon(\s+europe)?|kubernetes community days(\s+\p{Lu}\p{L}+)?)\s+(\d{4})\b/iu;
/** "1ere partie", "2nde partie", "3ème partie", "4e partie": which part of a French series. */
const FRENCH_PART = /\b(\d+)\s*(?:re|ère|ere|er|nde|nd|de|ème|eme|e)\s+partie\b/i;

/** A French title, named the way the reader's messages name a part of a series, when it follows the team's usual pattern. */
function fromFrench(title: string, language: Language): string | undefined {
  const event = EVENT.exec(title);
  if (!event) return undefined;
  const name = /^kubecon/i.test(event[0])
    ? `KubeCon${event[1] ? ' Europe' : ''} ${event[3]}`
    : `Kubernetes Community Days${event[2] ?? ''} ${event[3]}`;
  const part = FRENCH_PART.exec(title);
  return part ? messages(language).articlePart(name, Number(part[1])) : name;
}

/**
 * How an answer in `language` names one of the team's articles. The catalogue has each
 * title in the article's own language only, so an article in another language is named in
 * the reader's where its title says what it is (event, part), and marked with the language
 * it is written in, so nobody clicks expecting to read it in theirs:
 * "KubeCon 2022, part 3 (in French)".
 */
export function articleLabel(article: Pick<Article, 'title' | 'language'>, language: Language): string {
  if (article.language === language) return article.title;
  const name = (article.language === 'fr' ? fromFrench(article.title, language) : undefined) ?? article.title;
  return `${name} (${messages(language).writtenIn[article.language]})`;
}

/**
 * Where a talk or a conclusion comes from: the article, and its section when it is in the
 * reader's language (a heading in another language would not help; the link still opens it).
 */
export function sourceLabel(article: Pick<Article, 'title' | 'language'>, section: string, language: Language): string {
  const withSection = article.language === language && section !== article.title;
  return `${articleLabel(article, language)}${withSection ? ` › ${section}` : ''}`;
}
