import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatSlot, renderAnnouncement, renderDigest, renderDigestPreview, renderDigestReply } from '../../src/blocks/digest.ts';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import { PROJECT_ROOT } from '../../src/config.ts';
import { createPlanner } from '../../src/digest/plan.ts';
import type { ChannelState } from '../../src/digest/store.ts';
import { blockKitProblems, catalogueUrls } from '../properties/block-kit.ts';

const catalogue = await loadCatalogue(path.join(PROJECT_ROOT, 'data'));
const planner = createPlanner(catalogue);
const urls = catalogueUrls(catalogue);

describe('the digest message', () => {
  it('stays within Block Kit limits and pings nobody, for every digest of two rounds, in both languages, previews included', () => {
    let state: ChannelState | undefined;
    const now = new Date('2026-03-30T07:30:00Z');
    for (let week = 0; week < Math.ceil((catalogue.talks.length * 2) / 3); week += 1) {
      const digest = planner.pick('C0123ABCD', state, now.toISOString(), now)!;
      const content = planner.content(digest);
      for (const language of ['en', 'fr'] as const) {
        expect(blockKitProblems(renderDigest(content, language, catalogue), { allowedUrls: urls }), `week ${week} (${language})`).toEqual(
          [],
        );
        expect(blockKitProblems(renderDigestPreview(content, language, catalogue, 'Preview'), { allowedUrls: urls })).toEqual([]);
      }
      state = { ...digest.next, last: { slot: digest.slot, ts: '1.1', theme: digest.theme } };
    }
  });

  it('has the theme, each talk linked to its video with speakers and the takeaway in the channel’s language, and a line pointing to /kubecon', () => {
    const talks = catalogue.talks.filter((talk) => talk.topics.includes('autoscaling') && talk.video !== null).slice(0, 3);
    const theme = catalogue.topicById.get('autoscaling')!;
    for (const language of ['en', 'fr'] as const) {
      const message = renderDigest({ theme, talks }, language, catalogue);
      const text = JSON.stringify(message.blocks);
      expect(message.blocks[0]).toMatchObject({ type: 'header', text: { text: expect.stringContaining(theme.label[language]) } });
      for (const talk of talks) {
        expect(text).toContain(`<${talk.video}|`);
        expect(text).toContain(JSON.stringify(talk.speakers[0]!.name).slice(1, -1));
      }
      expect(text).toContain(JSON.stringify(talks[0]!.takeaway[language].slice(0, 40)).slice(1, -1));
      expect(JSON.stringify(message.blocks.at(-1))).toContain('/kubecon');
      expect(message.text).toContain(talks[0]!.title.replaceAll('&', '&amp;'));
      expect(text).not.toContain('share_talk');
    }
  });

  it('writes the time of a slot in the schedule’s time zone, in the reader’s language', () => {
    const slot = new Date('2026-10-26T08:30:00Z');
    expect(formatSlot(slot, 'Europe/Paris', 'en')).toBe('Monday, 26 October 2026 at 09:30 (Europe/Paris)');
    expect(formatSlot(slot, 'Europe/Paris', 'fr')).toBe('lundi 26 octobre 2026 à 09:30 (Europe/Paris)');
  });

  it('puts a digest command’s reply in words, a schedule that never comes round as a dash, a preview in the channel’s language', () => {
    const next = { at: new Date('2026-03-30T07:30:00Z'), timezone: 'Europe/Paris' };
    const status = renderDigestReply(
      { kind: 'status', source: { by: 'U1' }, next, last: undefined, featured: { seen: 3, of: 7, round: 1 } },
      'en',
      catalogue,
    );
    expect(status.text).toBe(
      'This channel gets the weekly digest (subscribed by <@U1>). Next digest: Monday, 30 March 2026 at 09:30 (Europe/Paris).\nTalks featured here so far: 3 of 7.',
    );
    expect(renderDigestReply({ kind: 'configured', next: undefined }, 'en', catalogue).text).toContain('The next one: —.');
    expect(renderDigestReply({ kind: 'cannot-post', access: 'not-member' }, 'en', catalogue).text).toContain('/invite @kubecon');

    const digest = planner.content(planner.pick('C1', undefined, next.at.toISOString(), next.at)!);
    const preview = renderDigestReply({ kind: 'preview', digest, language: 'fr', subscribed: true, next }, 'en', catalogue);
    expect(preview.text).toMatch(/^Aperçu du résumé prévu dans ce canal le lundi 30 mars 2026 à 09:30/);
    expect(preview.blocks.slice(1)).toEqual(renderDigest(digest, 'fr', catalogue).blocks);
  });

  it('tells a channel who subscribed it, when digests come in words, and how to stop them; and who unsubscribed it', () => {
    const next = { at: new Date('2026-03-30T07:30:00Z'), timezone: 'Europe/Paris' };
    const weekly = { kind: 'subscribed', by: 'U1', repeats: 'weekly', next } as const;
    expect(renderAnnouncement(weekly, 'en').text).toBe(
      '<@U1> subscribed this channel to the weekly KubeCon digest: three talks our platform team saw, every Monday at 09:30 (Europe/Paris). To stop it: `/kubecon digest unsubscribe`.',
    );
    expect(renderAnnouncement(weekly, 'fr').text).toBe(
      '<@U1> a abonné ce canal au résumé KubeCon hebdomadaire\u00a0: trois conférences vues par notre équipe plateforme, chaque lundi à 09:30 (Europe/Paris). Pour l’arrêter\u00a0: `/kubecon digest unsubscribe`.',
    );
    expect(renderAnnouncement({ ...weekly, repeats: 'daily' }, 'en').text).toContain('saw, every day at 09:30 (Europe/Paris).');
    expect(renderAnnouncement({ ...weekly, repeats: undefined }, 'fr').text).toContain(
      'plateforme, prochain envoi le lundi 30 mars 2026 à 09:30 (Europe/Paris).',
    );
    expect(renderAnnouncement({ kind: 'unsubscribed', by: 'U2' }, 'en').text).toBe(
      '<@U2> unsubscribed this channel from the weekly KubeCon digest. To get it again: `/kubecon digest subscribe`.',
    );
    for (const message of [renderAnnouncement(weekly, 'en'), renderAnnouncement({ kind: 'unsubscribed', by: 'U2' }, 'fr')])
      expect(blockKitProblems(message, { allowedUrls: urls, ownMarkup: ['<@U'] })).toEqual([]);

    expect(renderDigestReply({ kind: 'unsubscribed', announced: true }, 'en', catalogue).text).toBe(
      'Done: this channel no longer gets the weekly digest.',
    );
    expect(renderDigestReply({ kind: 'subscribed', next, announced: false }, 'fr', catalogue).text).toMatch(
      /^C’est fait.* Je n’ai pas pu l’annoncer dans le canal\u00a0: prévenez les autres vous-même\.$/,
    );
  });
});
