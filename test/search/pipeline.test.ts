import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import { PROJECT_ROOT } from '../../src/config.ts';
import { stripChatter } from '../../src/search/chatter.ts';
import { readFilters } from '../../src/search/filters.ts';
import { meaningfulWords, parseQuery, typedNames } from '../../src/search/query.ts';
import { createSearcher } from '../../src/search/searcher.ts';
import { stripSlackMarkup } from '../../src/search/slack-markup.ts';
import { foldText } from '../../src/search/text.ts';
import { catalogueDir, validEdition } from '../fixtures/catalogue.ts';

const words = (text: string) => foldText(text).split(' ').filter(Boolean);

describe('stage 1: Slack markup', () => {
  it('drops mentions, channel links, broadcasts, emoji and shortcodes, and keeps a link label', () => {
    const text = '<@U012AB|alice> <#C0123|general> <!here> cilium 🙏🏽 :rocket: <https://cilium.io|Cilium docs> <https://x.y/z> &lt;b&gt;';
    expect(stripSlackMarkup(text).replace(/\s+/g, ' ').trim()).toBe('cilium Cilium docs <b>');
  });
  it('leaves filters and plain punctuation alone', () => {
    expect(stripSlackMarkup('topic:security 10:30 c++')).toBe('topic:security 10:30 c++');
  });
  it('drops a pasted code block, closed or not, and keeps inline code', () => {
    const text = 'is `kubectl debug` safe?\n```\nError from server (Forbidden): pods "web" is forbidden\n```\nthanks ```tail -f';
    expect(stripSlackMarkup(text).replace(/\s+/g, ' ').trim()).toBe('is `kubectl debug` safe? thanks');
  });
});

describe('stages 1 and 2: politeness and question phrasing', () => {
  it.each([
    ['yo any talk on chaos engineering?? thx', 'chaos engineering'],
    ['hey pls, what did the team think of Karpenter', 'karpenter'],
    ["qu'est-ce qu'ils ont pensé de Jenkins X ?", 'jenkins x'],
    ["t'as un truc sur le finops stp", 'le finops'],
    ["flagger c'est bien ?", 'flagger'],
    ['retex zalando merciii', 'retex zalando'],
    ['on en est où sur le service mesh ?', 'le service mesh'],
    ['bonjour, y a un talk sur keda svp', 'keda'],
    ['cross-posting: is there a recap of that bank outage? fyi', 'that bank outage'],
    ['petite question : un recap sur argo ?', 'argo'],
    ['quoi de neuf sur le réseau ?', 'sur le reseau'],
  ])('%s -> %s', (text, expected) => {
    expect(stripChatter(words(text)).join(' ')).toBe(expected);
  });
  it('keeps a word that only looks like chatter inside a subject', () => {
    expect(meaningfulWords('developer experience')).toEqual(['developer', 'experience']);
  });
});

describe('stage 3: filters anywhere', async () => {
  const catalogue = await loadCatalogue(path.join(PROJECT_ROOT, 'data'));
  const { context } = createSearcher(catalogue);

  it('reads topic filters first, last or in the middle, fuzzy, in either language', () => {
    for (const text of [
      'topic:security prometheus',
      'prometheus topic:security',
      'exposed topic:sécurité prometheus',
      'prometheus topic:securty',
    ]) {
      expect(readFilters(text, context).topics).toEqual(['security']);
    }
    expect(readFilters('sujet:"service mesh" istio', context).rest.trim()).toBe('istio');
  });
  it('names a filter that selects nothing', () => {
    expect(readFilters('topic:knitting', context).unknownTopics).toEqual(['knitting']);
    expect(readFilters('year:1999 cilium', context).unknownEditions).toEqual(['1999']);
  });
  it('reads a year or a city written as a word', () => {
    expect(parseQuery('cilium at valence', context).editions).toEqual(['kubecon-eu-2022']);
    expect(parseQuery('talks from 2024 on observability', context).editions).toEqual(['kubecon-eu-2024']);
  });
  it('narrows editions by names of different facets, filters and plain words alike, and adds up names of one facet', () => {
    expect(readFilters('city:paris year:2023 backstage', context).editions).toEqual(['kcd-france-2023']);
    expect(parseQuery('city:paris backstage 2023', context).editions).toEqual(['kcd-france-2023']);
    expect(parseQuery('backstage at paris', context).editions).toEqual(['kubecon-eu-2024', 'kcd-france-2023']);
    expect(parseQuery('valence or copenhague', context).editions).toEqual(['kubecon-eu-2022', 'kubecon-eu-2018']);
    expect(parseQuery('kcd valence', context)).toMatchObject({ editions: [], unknownEditions: ['kcd valence'] });
    // A context that does not tell facets apart adds every name up, as before events existed.
    const flat = { ...context, editionFacet: undefined };
    expect([...readFilters('city:paris year:2023', flat).editions].sort()).toEqual(['kcd-france-2023', 'kubecon-eu-2024']);
  });
});

describe('stage 3: words typed as names', () => {
  it('reads a capital inside a sentence or a word, and letters then digits, as a name', () => {
    expect([...typedNames('<@U1> any talk on HashiCorp Vault? or Redis, AKS and arm64 images')]).toEqual([
      'hashicorp',
      'vault',
      'redis',
      'aks',
      'arm64',
    ]);
  });
  it('does not read the capital a sentence starts with, or numbers, as a name', () => {
    expect([...typedNames('Restreindre les logs. Quick q! Which talk had 22k pods?')]).toEqual([]);
  });
});

describe('stage 4: what is searched', async () => {
  const catalogue = await loadCatalogue(path.join(PROJECT_ROOT, 'data'));
  const searcher = createSearcher(catalogue);
  const slots = (text: string) => parseQuery(text, searcher.context).slots.map((slot) => slot.word);
  const first = (text: string) => searcher.search(text).hits[0]?.talk.id;

  it('searches at most the first few dozen distinct words of a pasted page', () => {
    const page = Array.from({ length: 1000 }, (_, i) => `word${i}`).join(' ');
    const parsed = slots(`cilium ${page}`);
    expect(parsed[0]).toBe('cilium');
    expect(parsed.length).toBeLessThan(60);
  });
  it('groups known phrases and drops stopwords', () => {
    expect(slots('<@U1> any talk on ephemeral containers in production pls')).toEqual(['ephemeral containers', 'production']);
  });
  it('lists what a filter alone selects: talks filed first under the topic, then the newest', () => {
    const hits = searcher.search('topic:security').hits;
    expect(hits.length).toBeGreaterThan(1);
    expect(hits.every((hit) => hit.talk.topics.includes('security'))).toBe(true);
    const keys = hits.map((hit) => [hit.talk.topics.indexOf('security'), -hit.talk.edition.year] as const);
    const sorted = [...keys].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    expect(keys).toEqual(sorted);
    expect(new Set(keys.map(([rank]) => rank)).size).toBeGreaterThan(1);
  });
  it('finds what people type in Slack', () => {
    expect(first('@kubecon cilium pls 🙏')).toMatch(/cilium/);
    expect(first('topic:security prometheus')).toBe('2022-exposed-prometheus-attacks');
    expect(first('kedaa')).toBe('2024-keda');
    expect(first('istioo')).toMatch(/istio/);
    expect(first('our nodes keep getting reclaimed by AWS and long batch jobs die halfway')).toBe('2024-crik-spot-pods');
    // "what did we see" is how people ask, not what: a filter with it lists what the filter selects.
    expect(first('topic:green-computing à Paris, what did we see?')).toBe('2024-heating-pools');
    // A typo of a synonym finds what its group finds: "electricity" is also energy and power.
    expect(first('how much electricty do our pods draw pls?')).toBe('2024-kepler');
    // The talk "CERN" names comes first: "hundreds", "across" and "clouds" are only in the team's prose of others.
    expect(first("c'était quoi déjà le truc du CERN with hundreds of clusters across clouds")).toBe('2018-cern-federation');
  });
  it('forgives every kind of typo from four letters on', () => {
    for (const typo of ['karpenterr', 'karpnter', 'karpemter', 'kaprenter']) expect(first(typo)).toBe('2022-karpenter-spot');
  });
  it('answers nothing for subjects the catalogue lacks, and suggests topics close to the query', () => {
    expect(searcher.search('mainframe cobol batch').hits).toEqual([]);
    expect(searcher.search('react native').hits).toEqual([]);
    // "Windows" is only in the team's prose ("stabilisation windows"), "Redis" nowhere: the
    // words beside them ("containers", "haute dispo") must not stand in for them.
    expect(searcher.search('running Windows containers on mixed node pools').hits).toEqual([]);
    expect(searcher.search('des retours sur Redis en haute dispo ?').hits).toEqual([]);
    // Named in a sentence's first word, or typed with a typo, what the catalogue has still answers.
    expect(first("Restreindre l'accès aux logs")).toBe('2022-labels-logging-rbac');
    expect(first('un talk sur Karpentr et les spot instances ?')).toBe('2022-karpenter-spot');
    // A Kubernetes word typed as a name, that no talk holds, has synonyms talks do hold.
    expect(['2022-lombard-odier-vpa', '2022-moviri-optimal-efficiency', '2018-kubernetes-qos']).toContain(
      first('Our pods get OOMKilled, how should we tune requests and limits?'),
    );
    expect(first('backmarket')).toBe('2023-kcd-backmarket-developer-portal');
    const gpu = searcher.suggestTopics('gpu scheduling for my frobnicator', 3);
    const costs = searcher.suggestTopics('cheaper cloud bill frobnicator', 3);
    expect(gpu).not.toEqual(costs);
    expect(costs).toContain('costs');
  });
  it('puts the talk with a video first when two are equally relevant', async () => {
    const edition = validEdition();
    const twin = (id: string, video: string | null) => ({ ...edition.talks[0], id, title: 'Tuning Zorblax Nodes', video, speakers: [] });
    // The one without a video comes first in the file, so the file's order cannot be what ranks them.
    edition.talks = [twin('2030-no-video', null), twin('2030-video', 'https://www.youtube.com/watch?v=bbbbbbbbbbb')];
    const data = path.join(PROJECT_ROOT, 'data');
    const files = Object.fromEntries(readdirSync(data).map((name) => [name, readFileSync(path.join(data, name), 'utf8')]));
    const twins = createSearcher(await loadCatalogue(catalogueDir({ ...files, 'kubecon-eu-2030.json': edition })));
    expect(twins.search('zorblax').hits.map((hit) => hit.talk.id)).toEqual(['2030-video', '2030-no-video']);
  });
});
