import type { Catalogue, Conclusion, Edition, Talk, Topic } from '../catalogue/model.ts';
import type { Stance } from '../catalogue/schema.ts';
import { STANCES } from '../catalogue/schema.ts';
import { meaningfulWords } from '../search/query.ts';
import { foldText } from '../search/text.ts';

/**
 * The team's radar, computed from the catalogue alone: the stance of each talk and the
 * conclusions of each edition say where the team stood, and when. No radar file to keep
 * in step: a new edition's data moves the radar.
 */
export type RadarStep =
  | { readonly kind: 'talk'; readonly edition: Edition; readonly talk: Talk; readonly stance: Stance }
  | { readonly kind: 'conclusion'; readonly edition: Edition; readonly conclusion: Conclusion };

export interface RadarTimeline {
  /** What was asked about, as typed. */
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

/**
 * The team's position on `subject` over time. A topic named by its own label ("service
 * mesh") takes every talk filed under it; a technology ("Istio", "Karpenter") the talks
 * that name it; a subject that names no stance-bearing talk falls back on the topic it
 * resolves to (typos forgiven), if any. Conclusions join when they concern those talks or
 * name the subject.
 */
export function radarOf(catalogue: Catalogue, resolveTopic: (name: string) => string | undefined, subject: string): RadarTimeline {
  const folded = foldText(subject);
  const words = meaningfulWords(subject).map(foldText).filter(Boolean);
  const labelled = catalogue.topics.find(
    (t) => t.id === folded.replace(/ /g, '-') || foldText(t.label.en) === folded || foldText(t.label.fr) === folded,
  );
  const naming = catalogue.talks.filter((talk) => mentionsAll(talkText(talk), words));
  const fallback = () => {
    const id = resolveTopic(folded);
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
    .map((conclusion) => ({ kind: 'conclusion' as const, edition: conclusion.edition, conclusion }))
    .sort(byYear)
    .slice(-MAX_CONCLUSION_STEPS);
  // Within an edition, the talks, then what the team concluded from them.
  const steps = [...talkSteps, ...conclusionSteps].sort((a, b) => byYear(a, b) || (a.kind === b.kind ? 0 : a.kind === 'talk' ? -1 : 1));
  return { subject, topic, steps };
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
