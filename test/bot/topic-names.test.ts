import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type NamedTopics, topicNamer } from '../../src/bot/topic-names.ts';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import { PROJECT_ROOT } from '../../src/config.ts';

/** What `/kubecon follow <names>` reads, on the real catalogue: a wrong guess sends someone DMs they never asked for. */
describe('topic names in a follow command', () => {
  let name: (text: string) => NamedTopics;
  beforeAll(async () => {
    name = topicNamer(await loadCatalogue(path.join(PROJECT_ROOT, 'data')));
  });

  it.each([
    ['security', ['security']],
    ['sécurité, observabilité', ['security', 'observability']],
    ['coûts et sécurité', ['costs', 'security']],
    ['security observability', ['security', 'observability']],
    ['security or observability', ['security', 'observability']],
    ['gitops & ci/cd', ['gitops', 'ci-cd']],
    ['service mesh', ['service-mesh']],
    ['istio', ['service-mesh']],
    ['finops', ['costs']],
    ['ai', ['machine-learning']],
    ['topic:security', ['security']],
    // Articles and filler go, in both languages.
    ['les coûts', ['costs']],
    ['le réseau', ['networking']],
    ['la sécurité et les coûts', ['security', 'costs']],
    ['the security topic', ['security']],
    // Typos in words long enough to be sure.
    ['securty', ['security']],
    ['obserbability', ['observability']],
  ])('reads %j as %j', (text, ids) => {
    expect(name(text)).toEqual({ ids, unknown: [], all: false });
  });

  it.each([
    ['argo', [], ['argo']],
    ['otel', [], ['otel']],
    ['kubernetes', [], ['kubernetes']],
    ['the money', [], ['the money']],
    ['k8s security', ['security'], ['k8s']],
    ['security and k8s', ['security'], ['k8s']],
  ])('does not guess a topic for %j', (text, ids, unknown) => {
    expect(name(text)).toEqual({ ids, unknown, all: false });
  });

  it.each(['all', 'all topics', 'everything', 'tout', 'tous les sujets'])('reads %j as every topic', (text) => {
    expect(name(text)).toEqual({ ids: [], unknown: [], all: true });
  });

  it('reads filler alone as naming nothing', () => {
    expect(name('a')).toEqual({ ids: [], unknown: [], all: false });
  });
});
