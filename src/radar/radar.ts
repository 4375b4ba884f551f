import Fuse from 'fuse.js';
import type { Catalogue, Conclusion, Edition, Talk, Topic } from '../catalogue/model.ts';
import type { Localized } from '../catalogue/schema.ts';
import { STANCES, type Stance } from '../catalogue/vocabulary.ts';
import { parseQuery, type QueryContext } from '../search/query.ts';
import { foldText } from '../search/text.ts';

/**
 * The team's radar, computed from the catalogue alone: the stance of each talk and the
 * conclusions of each edition say where the team stood, and when. No radar file to keep
 * in step: a new edition's data moves the radar.
 */
export type RadarStep =
  | { readonly kind: 'talk'; readonly edition: Edition; readonly talk: Talk; readonly stance: Stance }
  | {
      readonly kind: 'conclusion';
      readonly edition: Edition;
      readonly conclusion: Conclusion;
      /** The point or sentence of the conclusion that names the subject, when one does. */
      readonly point?: Localized | undefined;
    };

export interface RadarTimeline {
  /** What was asked about: its question phrasing and chatter read past, as a talk spells it when one names it. */
  readonly subject: string;
  /** The topic the subject named, when it named one rather than a technology. */
  readonly topic?: Topic | undefined;
  /** Oldest edition first; empty when the team never took a position on the subject. */
  readonly steps: readonly RadarStep[];
}

export interface RadarEntry {
  /** What the entry is about: the talk's first keyword ("KEDA", "Cilium"). */
  readonly subject: string;
  readonly talk: Talk;
  readonly stance: Stance;
}

export interface RadarOverview {
  /** By stance, adopt first; within one, the newest edition first. */
  readonly groups: readonly { readonly stance: Stance; readonly entries: readonly RadarEntry[] }[];
}

/** A timeline stays readable in one message: the newest positions when there are more. */
const MAX_TALK_STEPS = 12;
const MAX_CONCLUSION_STEPS = 4;

/** Whether every word is the start of a word of `text` (both folded): "mesh" finds "Cilium Service Mesh". */
function mentionsAll(text: string, words: readonly string[]): boolean {
  const haystack = ` ${foldText(text)}`;
  return words.length > 0 && words.every((word) => haystack.includes(` ${word}`));
}

const talkText = (talk: Talk) => [talk.title, ...talk.keywords.en, ...talk.keywords.fr].join(' | ');
const conclusionText = (c: Conclusion) =>
  [c.theme.en, c.theme.fr, c.summary.en, c.summary.fr, ...c.points.flatMap((p) => [p.en, p.fr]), ...c.keywords.en, ...c.keywords.fr].join(
    ' | ',
  );

const byYear = (a: { edition: Edition }, b: { edition: Edition }) => a.edition.year - b.edition.year;

/** Each catalogue's keywords, folded, in a fuse.js index: built once, on the first radar asked of it. */
const keywordIndexes = new WeakMap<Catalogue, Fuse<string>>();

/**
 * The keyword a misspelt technology stands for ("cilum": "cilium"), by fuse.js over the talks'
 * keywords, as topic names are matched (docs/decisions/0002-search-library.md).
 */
function spellingOf(catalogue: Catalogue, folded: string): string | undefined {
  let index = keywordIndexes.get(catalogue);
  if (index === undefined) {
    index = new Fuse([...new Set(catalogue.talks.flatMap((talk) => talk.keywords.en.map(foldText)))], { threshold: 0.25 });
    keywordIndexes.set(catalogue, index);
  }
  return index.search(folded, { limit: 1 })[0]?.item;
}

/** The sentences of a text, each kept whole. */
const sentences = (text: string) => text.match(/(?:[^.!?]|[.!?](?!\s|$))+(?:[.!?]+(?=\s|$)|$)/g) ?? [text];

/** The first point, or else sentence of the summary, that names every word of one of `wordSets`, in both languages. */
function pointOf(conclusion: Conclusion, wordSets: readonly (readonly string[])[]): Localized | undefined {
  const names = (text: Localized) => wordSets.some((words) => mentionsAll(`${text.en} ${text.fr}`, words));
  const point = conclusion.points.find(names);
  if (point) return point;
  const [en, fr] = [sentences(conclusion.summary.en), sentences(conclusion.summary.fr)];
  // Summaries are written sentence for sentence in both languages; where they are not, the whole summary.
  if (en.length !== fr.length) return undefined;
  const at = en.findIndex((sentence, i) => names({ en: sentence, fr: fr[i]! }));
  return at <= 0 ? undefined : { en: en[at]!.trim(), fr: fr[at]!.trim() };
}

/**
 * The team's position on `subject` over time. The subject is read as a search reads a query
 * (chatter and question phrasing out, `topic:` read). A topic named by its own label
 * ("service mesh") takes every talk filed under it; a technology ("Istio", "Karpenter") the
 * talks that name it; a subject that names no stance-bearing talk falls back on the topic it
 * resolves to (typos forgiven), if any. Conclusions join when they concern those talks or
 * name the subject, each with the point that names it.
 */
export function radarOf(catalogue: Catalogue, context: QueryContext, subject: string): RadarTimeline {
  const parsed = parseQuery(subject, context);
  const asked = parsed.slots.flatMap((slot) => foldText(slot.word).split(' ')).filter(Boolean);
  const names = (words: readonly string[]) => catalogue.talks.filter((talk) => mentionsAll(talkText(talk), words));
  // A technology no talk spells that way, four letters or more: the keyword it is a typo of.
  const corrected = asked.join('').length >= 4 && names(asked).length === 0 ? spellingOf(catalogue, asked.join(' ')) : undefined;
  const words = corrected === undefined ? asked : corrected.split(' ');
  const folded = words.join(' ');
  const filtered = parsed.topics[0] === undefined ? undefined : catalogue.topicById.get(parsed.topics[0]);
  const labelled =
    filtered ??
    catalogue.topics.find(
      (t) => folded !== '' && (t.id === folded.replace(/ /g, '-') || foldText(t.label.en) === folded || foldText(t.label.fr) === folded),
    );
  const naming = names(words);
  const fallback = () => {
    const id = folded === '' ? undefined : context.resolveTopic(folded);
    return id === undefined ? undefined : catalogue.topicById.get(id);
  };
  const topic = labelled ?? (naming.some((talk) => talk.stance) ? undefined : fallback());
  const talks = topic ? catalogue.talks.filter((talk) => talk.topics.includes(topic.id)) : naming;
  const topicWords = topic ? [foldText(topic.label.en), foldText(topic.label.fr)].map((label) => label.split(' ')) : [words];

  const talkIds = new Set(talks.map((talk) => talk.id));
  const talkSteps: RadarStep[] = talks
    .filter((talk): talk is Talk & { stance: Stance } => talk.stance !== undefined)
    .map((talk) => ({ kind: 'talk' as const, edition: talk.edition, talk, stance: talk.stance }))
    .sort(byYear)
    .slice(-MAX_TALK_STEPS);
  const conclusionSteps: RadarStep[] = catalogue.conclusions
    .filter((c) => c.talks.some((id) => talkIds.has(id)) || topicWords.some((ws) => mentionsAll(conclusionText(c), ws)))
    .map((conclusion) => ({ kind: 'conclusion' as const, edition: conclusion.edition, conclusion, point: pointOf(conclusion, topicWords) }))
    .sort(byYear)
    .slice(-MAX_CONCLUSION_STEPS);
  // Within an edition, the talks, then what the team concluded from them.
  const steps = [...talkSteps, ...conclusionSteps].sort((a, b) => byYear(a, b) || (a.kind === b.kind ? 0 : a.kind === 'talk' ? -1 : 1));
  // As the catalogue spells it ("Karpenter", "Cilium"), when a talk's keyword is exactly what was asked.
  const spelled = naming.flatMap((talk) => [...talk.keywords.en, ...talk.keywords.fr]).find((keyword) => foldText(keyword) === folded);
  return { subject: spelled ?? (folded || subject), topic, steps };
}

/**
 * Where the team stands today: every talk with a stance, unless a later edition's talk on the
 * same subject (its first keyword) has superseded it, grouped by stance.
 */
export function currentRadar(catalogue: Catalogue): RadarOverview {
  const latest = new Map<string, number>();
  const stanced = catalogue.talks.filter((talk): talk is Talk & { stance: Stance } => talk.stance !== undefined);
  const subjectOf = (talk: Talk) => talk.keywords.en[0] ?? talk.title;
  for (const talk of stanced) {
    const key = foldText(subjectOf(talk));
    latest.set(key, Math.max(latest.get(key) ?? 0, talk.edition.year));
  }
  const current = stanced.filter((talk) => latest.get(foldText(subjectOf(talk))) === talk.edition.year);
  return {
    groups: STANCES.map((stance) => ({
      stance,
      entries: current
        .filter((talk) => talk.stance === stance)
        .sort((a, b) => b.edition.year - a.edition.year)
        .map((talk) => ({ subject: subjectOf(talk), talk, stance })),
    })).filter((group) => group.entries.length > 0),
  };
}
