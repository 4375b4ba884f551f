import type { Catalogue, Edition, Talk } from '../src/catalogue/model.ts';

/** Small, seedable PRNG: the same seed gives the same catalogue on every machine. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'sta', 'ver', 'dor', 'pli', 'qua', 'zen', 'tor', 'bex', 'fy', 'gra', 'hon', 'jul', 'wik'];

/**
 * A catalogue of `size` talks shaped like the real one (titles, keywords, ~300-character
 * takeaways in two languages), drawing words from the real catalogue plus invented ones,
 * so that real queries still find matches and the vocabulary grows with the size.
 */
export function syntheticCatalogue(real: Catalogue, size: number, seed = 42): Catalogue {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const realWords = [
    ...new Set(
      real.talks
        .flatMap((t) => `${t.title} ${t.takeaway.en} ${t.takeaway.fr} ${t.keywords.en.join(' ')}`.split(/\s+/))
        .filter((w) => w.length > 2),
    ),
  ];
  const invented = Array.from({ length: Math.max(500, size) }, () =>
    Array.from({ length: 2 + Math.floor(random() * 3) }, () => pick(SYLLABLES)).join(''),
  );
  const word = () => (random() < 0.7 ? pick(realWords) : pick(invented));
  const sentence = (length: number) => {
    let text = '';
    while (text.length < length) text += `${word()} `;
    return text.trim();
  };
  const editions: Edition[] = [2018, 2022, 2024].map((year) => ({
    id: `kubecon-eu-${year}`,
    name: `KubeCon Europe ${year}`,
    kind: 'kubecon',
    event: 'KubeCon EU',
    city: pick(['Paris', 'Valencia', 'Copenhagen']),
    year,
  }));
  const topics = [...real.topicById.keys()];
  const article = real.talks[0]!.article;

  const generated: Talk[] = Array.from({ length: size }, (_, i) => {
    const edition = pick(editions);
    return {
      id: `synthetic-${i}`,
      title: sentence(40 + Math.floor(random() * 40)),
      speakers: Array.from({ length: 1 + Math.floor(random() * 2) }, () => ({
        name: `${pick(invented)} ${pick(invented)}`,
        company: pick(invented),
      })),
      video: `https://www.youtube.com/watch?v=synthetic${i}`,
      edition,
      article,
      section: sentence(20),
      sectionUrl: `${article.url}#s${i}`,
      topics: [pick(topics), pick(topics)],
      keywords: { en: Array.from({ length: 8 }, word), fr: Array.from({ length: 8 }, word) },
      takeaway: { en: sentence(300), fr: sentence(300) },
    };
  });
  // Read back through JSON, as the real catalogue is: strings built by concatenation are
  // ropes, which V8 reads more slowly than the flat strings a parsed file gives, and the
  // benchmark would time the generator's strings rather than the search.
  const talks = (JSON.parse(JSON.stringify(generated)) as Talk[]).map((talk) => ({
    ...talk,
    edition: editions.find((e) => e.id === talk.edition.id)!,
  }));
  return {
    editions,
    talks,
    conclusions: [],
    topics: real.topics,
    talkById: new Map(talks.map((t) => [t.id, t])),
    topicById: real.topicById,
  };
}
