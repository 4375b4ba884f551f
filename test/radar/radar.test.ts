import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderRadarOverview } from '../../src/blocks/radar.ts';
import { parseCommand } from '../../src/bot/command.ts';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import { PROJECT_ROOT } from '../../src/config.ts';
import { currentRadar, type RadarStep, radarOf } from '../../src/radar/radar.ts';
import { createSearcher } from '../../src/search/searcher.ts';
import { catalogueDir, TOPICS, validEdition } from '../fixtures/catalogue.ts';

const catalogue = await loadCatalogue(path.join(PROJECT_ROOT, 'data'));
const { context } = createSearcher(catalogue);
const radar = (subject: string) => radarOf(catalogue, context, subject);
const describeStep = (step: RadarStep) =>
  step.kind === 'talk' ? `${step.edition.year} ${step.stance} ${step.talk.id}` : `${step.edition.year} conclusion ${step.conclusion.id}`;

describe('/kubecon radar <subject>: the team’s position over the editions', () => {
  it('follows service mesh from Istio in 2018 to Cilium in 2024, oldest first, each step a talk or a conclusion', () => {
    const timeline = radar('service mesh');
    expect(timeline.topic?.id).toBe('service-mesh');
    const steps = timeline.steps.map(describeStep);
    expect(steps).toEqual(
      expect.arrayContaining([
        '2018 assess 2018-istio-observability',
        '2022 trial 2022-cilium-service-mesh',
        '2024 assess 2024-cilium-cluster-mesh',
      ]),
    );
    expect(steps.some((step) => step.startsWith('2022 conclusion'))).toBe(true);
    const years = timeline.steps.map((step) => step.edition.year);
    expect(years).toEqual([...years].sort());
    expect(new Set(years).size).toBeGreaterThanOrEqual(3);
  });

  it('takes a technology by the talks that name it, not by the topic it is filed under', () => {
    const cilium = radar('Cilium');
    expect(cilium.topic).toBeUndefined();
    const talks = cilium.steps.flatMap((step) => (step.kind === 'talk' ? [step.talk] : []));
    expect(talks.length).toBeGreaterThanOrEqual(3);
    for (const talk of talks) expect(JSON.stringify([talk.title, talk.keywords])).toMatch(/cilium/i);
    expect(cilium.steps.map(describeStep)).toContain('2024 adopt 2024-cilium-resilient-architecture');
    // Karpenter: a 2022 stance, then what the 2024 conclusions say of it.
    expect(radar('karpenter').steps.map(describeStep)).toEqual(
      expect.arrayContaining(['2022 assess 2022-karpenter-spot', '2024 conclusion 2024-finops']),
    );
  });

  it('reads a whole question as a search does, and spells the subject as the catalogue does', () => {
    for (const asked of ['what does the team think of cilium?', 'thoughts on Cilium pls', 'c quoi la position sur cilium ?']) {
      const timeline = radar(asked);
      expect(timeline.subject, asked).toBe('Cilium');
      expect(timeline.steps.map(describeStep), asked).toContain('2024 adopt 2024-cilium-resilient-architecture');
    }
    expect(radar('topic:security').topic?.id).toBe('security');
  });

  it('quotes, for a conclusion, the point that names the subject rather than its first sentence', () => {
    const finops = radar('karpenter').steps.find((step) => step.kind === 'conclusion' && step.conclusion.id === '2024-finops');
    expect(finops?.kind === 'conclusion' && finops.point?.en).toMatch(/Karpenter/);
    expect(finops?.kind === 'conclusion' && finops.point?.fr).toMatch(/Karpenter/);
  });

  it('forgives a typo in a technology, by the keyword it is a typo of', () => {
    for (const [typed, spelled] of [
      ['cilum', 'Cilium'],
      ['karpentr', 'Karpenter'],
      ['istoi', 'Istio'],
    ] as const) {
      const timeline = radar(typed);
      expect(timeline.subject, typed).toBe(spelled);
      expect(timeline.topic, typed).toBeUndefined();
      expect(timeline.steps.length, typed).toBeGreaterThan(0);
    }
  });

  it('forgives a typo in a topic, and reads French', () => {
    expect(radar('servce mesh').topic?.id).toBe('service-mesh');
    expect(radar('observabilité').topic?.id).toBe('observability');
  });

  it('has no step for what the team never took a position on', () => {
    expect(radar('windows nodes').steps).toEqual([]);
    expect(radar('cobol').steps).toEqual([]);
  });
});

describe('/kubecon radar: where the team stands today', () => {
  it('groups by stance, adopt first, each subject once at its latest edition', () => {
    const { groups } = currentRadar(catalogue);
    expect(groups.map((group) => group.stance)).toEqual(['adopt', 'trial', 'assess', 'hold']);
    const entries = groups.flatMap((group) => group.entries);
    // Cilium's 2022 trial gave way to its 2024 positions.
    expect(entries.filter((entry) => entry.subject === 'Cilium').map((entry) => entry.talk.edition.year)).toEqual([2024, 2024]);
    expect(entries.find((entry) => entry.talk.id === '2024-keda')?.stance).toBe('adopt');
    // Drawn, the two Cilium entries are told apart by their talks.
    const drawn = JSON.stringify(renderRadarOverview(currentRadar(catalogue), 'en', true).blocks);
    expect(drawn).toContain('|Cilium: Deep Dive Into Cilium Resilient Architecture>');
    expect(drawn).toMatch(/\|KEDA> \(2024\)/);
  });

  it('is computed from the catalogue: a new edition’s stance moves it', async () => {
    const later = validEdition();
    later.talks[0].keywords.en = ['KEDA'];
    later.talks[0].stance = 'hold';
    const dir = catalogueDir({ 'topics.json': TOPICS, 'kubecon-eu-2030.json': later });
    const small = await loadCatalogue(dir);
    expect(currentRadar(small).groups).toEqual([{ stance: 'hold', entries: [expect.objectContaining({ subject: 'KEDA' })] }]);
  });
});

describe('the radar command', () => {
  it('reads `radar` alone and with a subject, in either language’s politeness', () => {
    expect(parseCommand('radar')).toEqual({ kind: 'radar', subject: undefined });
    expect(parseCommand('radar service mesh')).toEqual({ kind: 'radar', subject: 'service mesh' });
    expect(parseCommand('radar Cilium stp')).toEqual({ kind: 'radar', subject: 'Cilium' });
    expect(parseCommand('radar pls')).toEqual({ kind: 'radar', subject: undefined });
  });
});
