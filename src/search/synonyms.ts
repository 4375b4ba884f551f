import { foldText } from './text.ts';

/**
 * Words and phrases engineers use interchangeably, across French and English. A query
 * term found in a group also matches every other member, so "couts" finds FinOps talks
 * and "conteneurs ephemeres" finds "ephemeral containers". Topic synonyms from
 * data/topics.json are added at start-up; these are the ones no single topic owns.
 */
const GROUPS: readonly (readonly string[])[] = [
  ['kubernetes', 'k8s', 'kube'],
  ['ephemeral containers', 'ephemeral container', 'conteneurs éphémères', 'conteneur éphémère', 'kubectl debug'],
  [
    'costs',
    'cost',
    'coûts',
    'coût',
    'finops',
    'facture',
    'billing',
    'bill',
    'cloud bill',
    'cloud costs',
    'facture cloud',
    'coûts cloud',
    'dépenses',
    'économies',
    'savings',
    'money',
    'save money',
    'argent',
  ],
  [
    'canary',
    'progressive delivery',
    'déploiement progressif',
    'déploiements progressifs',
    'blue green',
    'canary deployment',
    'canary release',
  ],
  ['autoscaling', 'auto scaling', 'autoscaler', 'autoscale', "mise à l'échelle", 'scaling', 'scalabilité', 'scalability'],
  ['debug', 'debugging', 'debugger', 'débugger', 'déboguer', 'débogage', 'troubleshooting', 'troubleshoot', 'dépanner', 'dépannage'],
  ['monitoring', 'supervision', 'observability', 'observabilité'],
  [
    'incident',
    'incidents',
    'outage',
    'outages',
    'panne',
    'pannes',
    'post mortem',
    'postmortem',
    'prod down',
    'production down',
    'prod est tombée',
  ],
  ['security', 'sécurité', 'secu', 'sécu'],
  ['network', 'networking', 'réseau', 'réseaux'],
  [
    'chaos engineering',
    'chaos testing',
    'chaos',
    'break things on purpose',
    'breaking things on purpose',
    'fault injection',
    'injection de pannes',
    'casser exprès',
  ],
  ['disaster recovery', 'reprise après sinistre', 'plan de reprise', 'pra', 'dr'],
  ['service mesh', 'maillage de services', 'mesh'],
  ['spot instances', 'spot instance', 'spot', 'instances spot', 'instance spot'],
  [
    'energy',
    'énergie',
    'power',
    'electricity',
    'électricité',
    'consommation électrique',
    'power consumption',
    'energy consumption',
    'consommation énergétique',
  ],
  [
    'green computing',
    'green it',
    'numérique responsable',
    'sustainability',
    'sustainable',
    'durable',
    'développement durable',
    'sobriété',
    'écologie',
    'carbon',
    'carbone',
  ],
  ['gpu', 'gpus', 'carte graphique', 'cartes graphiques'],
  ['machine learning', 'ml', 'apprentissage automatique', 'ai', 'ia', 'intelligence artificielle', 'artificial intelligence'],
  ['logs', 'log', 'logging', 'journaux', 'journalisation'],
  ['metrics', 'metric', 'métriques', 'métrique'],
  ['scheduler', 'scheduling', 'ordonnanceur', 'ordonnancement', 'placement'],
  ['database', 'databases', 'base de données', 'bases de données', 'bdd', 'db'],
  ['developer experience', 'dev xp', 'devx', 'dx', 'expérience développeur', 'expérience développeurs'],
  [
    'ci cd',
    'cicd',
    'continuous delivery',
    'continuous deployment',
    'livraison continue',
    'déploiement continu',
    'intégration continue',
    'continuous integration',
  ],
  ['rollback', 'rollbacks', 'retour arrière'],
  ['upgrade', 'upgrades', 'upgrading', 'mise à jour', 'mises à jour', 'mettre à jour', 'montée de version', 'montées de version'],
  ['multi cluster', 'multicluster', 'multi clusters', 'plusieurs clusters', 'multiple clusters'],
  ['authorization', 'autorisation', 'authz', 'permissions', 'droits d accès', 'access control', 'contrôle d accès'],
  ['bandwidth', 'bande passante', 'débit', 'débit réseau', 'throughput'],
  ['deploy', 'deployment', 'deployments', 'déploiement', 'déploiements', 'déployer'],
  ['container', 'containers', 'conteneur', 'conteneurs'],
  ['production', 'prod'],
  ['hacking', 'hacker', 'hackers', 'attack', 'attacks', 'attaque', 'attaques', 'attackers', 'attaquants', 'piratage', 'pirater', 'exploit'],
  ['heat', 'heating', 'chaleur', 'chauffage', 'chauffer'],
  ['swimming pool', 'swimming pools', 'pool', 'pools', 'piscine', 'piscines'],
  ['vpa', 'vertical pod autoscaler', 'verticalpodautoscaler', 'vertical scaling', 'scaling vertical'],
  ['hpa', 'horizontal pod autoscaler', 'horizontalpodautoscaler', 'horizontal scaling', 'scaling horizontal'],
  ['faas', 'function as a service', 'functions as a service', 'serverless'],
  ['webassembly', 'wasm'],
  ['labels', 'label', 'étiquettes', 'étiquette'],
  ['edge', 'edge computing', 'périphérie'],
  ['runtime', 'runtimes', 'container runtime', 'container runtimes'],
  ['policy', 'policies', 'politique', 'politiques', 'policy engine'],
  ['cloud migration', 'migration', 'migrate', 'migrer', 'move to the cloud'],
  ['load test', 'load testing', 'test de charge', 'tests de charge', 'load tests'],
  ['test', 'tests', 'testing'],
  ['performance', 'performances', 'perf', 'perfs'],
  ['benchmark', 'benchmarks', 'benchmarking', 'bench'],
  ['snapshot', 'snapshots', 'checkpoint', 'checkpointing', 'instantané'],
  ['cluster autoscaler', 'clusterautoscaler', 'cluster-autoscaler'],
  // A pod killed for its memory is a question about memory limits, which talks name.
  ['oomkilled', 'oom killed', 'oom kill', 'oom', 'out of memory', 'memory limit', 'memory limits', 'limite mémoire', 'limites mémoire'],
  // Names people write as one word.
  ['argo cd', 'argocd'],
  ['back market', 'backmarket'],
];

export type SynonymGroups = ReadonlyMap<string, readonly string[]>;

/** Maps each folded member to the folded members of every group it belongs to. */
export function buildSynonymGroups(): SynonymGroups {
  const map = new Map<string, Set<string>>();
  for (const group of GROUPS) {
    const folded = [...new Set(group.map(foldText).filter(Boolean))];
    for (const member of folded) {
      const set = map.get(member) ?? new Set<string>();
      for (const other of folded) set.add(other);
      map.set(member, set);
    }
  }
  return new Map([...map].map(([key, set]) => [key, [...set]]));
}

/** The longest phrase (in words) that any group holds, so the query parser knows how far to look ahead. */
export function longestPhrase(groups: SynonymGroups): number {
  let longest = 1;
  for (const key of groups.keys()) longest = Math.max(longest, key.split(' ').length);
  return longest;
}
