import type { KnownBlock } from '@slack/types';
import type { Language } from '../catalogue/vocabulary.ts';
import type { RadarOverview, RadarStep, RadarTimeline } from '../radar/radar.ts';
import { controlsRow, ratingButtons } from './controls.ts';
import type { Message } from './message.ts';
import { messages } from './messages.ts';
import { editionName, shortTakeaway } from './talk.ts';
import { context, escapeText, header, LIMITS, link, section, truncate } from './text.ts';

const SUBJECT_ECHO_MAX = 60;

function stepLine(step: RadarStep, language: Language): string {
  const m = messages(language);
  if (step.kind === 'talk') {
    const { talk } = step;
    return `• _${m.radar.stance[step.stance]}_ · ${m.radar.step(`*${link(talk.video ?? talk.sectionUrl, talk.title)}*`, escapeText(shortTakeaway(talk.takeaway[language])))}`;
  }
  const { conclusion } = step;
  const said = step.point?.[language] ?? shortTakeaway(conclusion.summary[language]);
  return `• 📝 ${m.radar.conclusion} · ${m.radar.step(`*${link(conclusion.sectionUrl, conclusion.theme[language])}*`, escapeText(said))}`;
}

/** One section per edition, oldest first: each stance and conclusion linked to its talk or write-up. */
export function renderRadarTimeline(timeline: RadarTimeline, language: Language, ephemeral: boolean): Message {
  const m = messages(language);
  const subject = escapeText(truncate(timeline.topic?.label[language] ?? timeline.subject, SUBJECT_ECHO_MAX));
  const closing = ephemeral ? [controlsRow(language)] : [];
  if (timeline.steps.length === 0) {
    const text = m.radar.none(subject);
    return { text, blocks: [section(text), context(m.radar.noneHint(subject)), ...closing] };
  }
  const title = m.radar.timelineHeader(timeline.topic?.label[language] ?? truncate(timeline.subject, SUBJECT_ECHO_MAX));
  const blocks: KnownBlock[] = [header(title), context(m.radar.timelineIntro)];
  const rating = ratingButtons({ kind: 'radar', talks: timeline.steps.flatMap((step) => (step.kind === 'talk' ? [step.talk.id] : [])) });
  const rated = ephemeral ? [controlsRow(language, rating)] : [{ type: 'actions' as const, block_id: 'controls', elements: rating }];
  const editions = [...new Set(timeline.steps.map((step) => step.edition))];
  for (const edition of editions) {
    const lines = timeline.steps.filter((step) => step.edition === edition).map((step) => stepLine(step, language));
    blocks.push(section(`*${escapeText(editionName(edition))}*\n${lines.join('\n')}`));
  }
  return { text: escapeText(title), blocks: [...blocks.slice(0, LIMITS.blocksPerMessage - rated.length), ...rated] };
}

/** "2024", or "KCD France 2023" for an event other than KubeCon: short enough to follow each entry. */
function when(edition: RadarOverview['groups'][number]['entries'][number]['talk']['edition']): string {
  return edition.kind === 'kubecon' ? String(edition.year) : `${edition.event} ${edition.year}`;
}

/**
 * Adopt, trial, assess, hold: each technology at its latest stance, with when the team said
 * so, a paragraph per stance so that the whole radar reads at a glance.
 */
export function renderRadarOverview(overview: RadarOverview, language: Language, ephemeral: boolean): Message {
  const m = messages(language);
  const blocks: KnownBlock[] = [header(m.radar.overviewHeader), context(m.radar.overviewIntro)];
  const subjects = overview.groups.flatMap(({ entries }) => entries.map(({ subject }) => subject));
  const shared = new Set(subjects.filter((subject, i) => subjects.indexOf(subject) !== i));
  for (const { stance, entries } of overview.groups) {
    // Two talks of one edition on one subject (Cilium itself, and its Cluster Mesh): each named by its talk.
    const label = (subject: string, title: string) => (shared.has(subject) ? `${subject}: ${title}` : subject);
    const items = entries.map(
      ({ subject, talk }) => `${link(talk.video ?? talk.sectionUrl, label(subject, talk.title))} (${escapeText(when(talk.edition))})`,
    );
    // Sections hold 3,000 characters, links included: a long stance goes on over several.
    let text = `*${m.radar.stance[stance]}*\n`;
    for (const [i, item] of items.entries()) {
      const next = `${item}${i < items.length - 1 ? ', ' : ''}`;
      if (text.length + next.length > LIMITS.sectionText) {
        blocks.push(section(text));
        text = '';
      }
      text += next;
    }
    blocks.push(section(text));
  }
  const rating = ratingButtons({ kind: 'radar', talks: [] });
  blocks.push(ephemeral ? controlsRow(language, rating) : { type: 'actions', block_id: 'controls', elements: rating });
  return { text: m.radar.overviewHeader, blocks };
}
