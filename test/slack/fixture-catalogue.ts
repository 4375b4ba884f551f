import { catalogueDir } from '../fixtures/catalogue.ts';

const talk = (id: string, title: string, topics: string[], fields: Record<string, unknown> = {}) => ({
  id,
  title,
  speakers: [{ name: `Speaker of ${title}`, company: 'Acme' }],
  video: `https://www.youtube.com/watch?v=${id.replaceAll('-', '').slice(0, 11).padEnd(11, 'x')}`,
  article: 'a-2030',
  section: title,
  topics,
  keywords: { en: [], fr: [] },
  takeaway: { en: `English takeaway of ${title}.`, fr: `Retour en français sur ${title}.` },
  stance: 'assess',
  ...fields,
});

/**
 * A small catalogue of its own, so answers do not move when the real one grows: five
 * autoscaling talks (two pages), one talk without video, one on Prometheus.
 */
export function slackCatalogueDir(): string {
  return catalogueDir({
    'topics.json': {
      topics: [
        { id: 'autoscaling', label: { en: 'Autoscaling', fr: 'Mise à l’échelle' }, synonyms: ['hpa'] },
        { id: 'costs', label: { en: 'Costs', fr: 'Coûts' }, synonyms: ['finops'] },
        { id: 'observability', label: { en: 'Observability', fr: 'Observabilité' }, synonyms: ['monitoring'] },
      ],
    },
    'kubecon-eu-2030-lyon.json': {
      edition: { id: 'kubecon-eu-2030', name: 'KubeCon Europe 2030', city: 'Lyon', year: 2030 },
      articles: [
        { id: 'a-2030', title: 'Our KubeCon 2030', url: 'https://blog.example/2030/kubecon.html', language: 'en', published: '2030-04-01' },
      ],
      conclusions: [
        {
          id: 'c-2030',
          article: 'a-2030',
          section: 'Conclusion',
          theme: { en: 'Overall', fr: 'Général' },
          summary: { en: 'A good year.', fr: 'Une bonne année.' },
          points: [],
        },
      ],
      talks: [
        talk('2030-karpenter', 'Karpenter Autoscaling in Anger', ['autoscaling']),
        talk('2030-keda', 'KEDA Autoscaling for Queues', ['autoscaling']),
        talk('2030-vpa', 'Vertical Pod Autoscaling Done Right', ['autoscaling']),
        talk('2030-hpa', 'Horizontal Pod Autoscaling Deep Dive', ['autoscaling']),
        talk('2030-cluster', 'Cluster Autoscaling Without Tears', ['autoscaling', 'costs']),
        talk('2030-finops', 'FinOps for Platform Teams', ['costs'], { video: null }),
        talk('2030-prometheus', 'Prometheus Long-Term Storage', ['observability'], {
          keywords: { en: ['prometheus', 'metrics'], fr: ['métriques'] },
        }),
      ],
    },
  });
}
