import Fuse from 'fuse.js';
import type { Catalogue } from '../catalogue/model.ts';
import { topicNames } from '../search/searcher.ts';
import { foldText, STOPWORDS } from '../search/text.ts';

/** Topic names as people list them: "security, observability", "coûts et sécurité", "gitops & ci", "mesh or policy". */
const SEPARATORS = /\s*(?:,|;|&|\+|\band\b|\bet\b|\bor\b|\bou\b)\s*/i;
/** "follow all", "unfollow everything", "suivre tous les sujets". */
const ALL = new Set(['all', 'everything', 'tout', 'tous', 'toutes']);
const NOT_NAMES = new Set([
  ...STOPWORDS,
  ...'topic topics theme themes sujet sujets talks conferences please pls also aussi nothing rien weekly hebdo chaque semaine week dm dms'.split(
    ' ',
  ),
]);
/**
 * A misspelling is forgiven only in a word this long, and close in length to the name it
 * matches: "securty" is Security, but "argo", "otel" or "kubernetes" (inside "extending
 * kubernetes") must not quietly subscribe someone to a topic they never named.
 */
const FUZZY_MIN_LENGTH = 5;
const FUZZY_LENGTH_SLACK = 2;

export interface NamedTopics {
  /** Topic ids, each once, in the order named. */
  readonly ids: readonly string[];
  /** What named no topic, as typed. */
  readonly unknown: readonly string[];
  /** "all", "tout": every topic. */
  readonly all: boolean;
}

/** Reads the topics a follow command names, strictly: a wrong guess would send someone DMs they did not ask for. */
export function topicNamer(catalogue: Pick<Catalogue, 'topics'>): (names: string) => NamedTopics {
  const names = catalogue.topics.flatMap((topic) => topicNames(topic).map((name) => ({ id: topic.id, name: foldText(name) })));
  const exact = new Map(names.map(({ id, name }) => [name, id]));
  const fuse = new Fuse(names, { keys: ['name'], threshold: 0.3, ignoreLocation: true, includeScore: true });
  const resolve = (folded: string): string | undefined => {
    if (exact.has(folded)) return exact.get(folded);
    if (folded.length < FUZZY_MIN_LENGTH) return undefined;
    return fuse.search(folded).find(({ item }) => Math.abs(item.name.length - folded.length) <= FUZZY_LENGTH_SLACK)?.item.id;
  };

  return (text) => {
    const ids: string[] = [];
    const unknown: string[] = [];
    let all = false;
    for (const part of text.replace(/\btopic:/gi, ' ').split(SEPARATORS)) {
      const folded = foldText(part);
      if (folded === '') continue;
      // "ai" is a French stopword and a topic: the whole name is tried before its filler goes.
      const whole = exact.get(folded);
      if (whole !== undefined) {
        ids.push(whole);
        continue;
      }
      const words = folded.split(' ').filter((word) => !NOT_NAMES.has(word) || ALL.has(word));
      if (words.some((word) => ALL.has(word))) {
        all = true;
        continue;
      }
      if (words.length === 0) continue;
      const meant = resolve(words.join(' '));
      if (meant !== undefined) {
        ids.push(meant);
        continue;
      }
      const each = words.map((word) => ({ word, id: resolve(word) }));
      for (const { id } of each) if (id !== undefined) ids.push(id);
      const left = each.filter(({ id }) => id === undefined).map(({ word }) => word);
      if (left.length > 0) unknown.push(left.length === words.length ? part.trim() : left.join(' '));
    }
    return { ids: [...new Set(ids)], unknown, all };
  };
}
