import path from 'node:path';
import { editionLabel, speakersLine } from '../blocks/talk.ts';
import { loadCatalogue } from '../catalogue/load.ts';
import type { Talk } from '../catalogue/model.ts';
import type { Language } from '../catalogue/vocabulary.ts';
import { PROJECT_ROOT } from '../project-root.ts';
import { createSearcher, type SearchHit } from '../search/searcher.ts';
import { languageOption, parseCommandLine, runCli, UsageError } from './run.ts';

const USAGE = `Usage: npm run -s search -- [--json] [--limit N] [--lang en|fr] "<query>"
       npm run -s search -- --json < queries.txt   (one query per line, one JSON array per line)`;

export function hitToJson(hit: SearchHit) {
  const talk: Talk = hit.talk;
  return {
    id: talk.id,
    title: talk.title,
    edition: talk.edition.name,
    year: talk.edition.year,
    city: talk.edition.city,
    speakers: talk.speakers.map((s) => ({ name: s.name, company: s.company ?? null })),
    video: talk.video,
    article: talk.article.url,
    section: talk.sectionUrl,
    topics: talk.topics,
    stance: talk.stance ?? null,
    score: hit.score,
  };
}

/** `language`: that of the speakers' line and the team's takeaway; the search itself reads both languages. */
function hitToText(hit: SearchHit, rank: number, language: Language): string {
  const talk = hit.talk;
  return [
    `${rank}. ${talk.title}  [${talk.id}, score ${hit.score}]`,
    `   ${speakersLine(talk, language)} · ${editionLabel(talk)}`,
    `   video: ${talk.video ?? '(none)'}`,
    `   article: ${talk.sectionUrl}`,
    `   ${talk.takeaway[language]}`,
  ].join('\n');
}

await runCli(async () => {
  const parsed = parseCommandLine(
    {
      options: {
        json: { type: 'boolean', default: false },
        limit: { type: 'string', default: '5' },
        lang: { type: 'string' },
      },
      allowPositionals: true,
    },
    USAGE,
  );
  if (!parsed) return;
  const { values, positionals } = parsed;
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    throw new UsageError(`--limit must be a whole number from 1 to 100, got "${values.limit}"\n${USAGE}`);
  const language = languageOption(values.lang, USAGE) ?? 'en';

  const catalogue = await loadCatalogue(path.join(PROJECT_ROOT, 'data'));
  const searcher = createSearcher(catalogue);
  const query = positionals.join(' ').trim();

  if (!query) {
    if (!values.json) throw new UsageError(`No query given.\n${USAGE}`);
    // Only this mode reads lines: a one-query start does without loading readline.
    const { createInterface } = await import('node:readline');
    for await (const line of createInterface({ input: process.stdin, terminal: false })) {
      process.stdout.write(`${JSON.stringify(searcher.search(line).hits.slice(0, limit).map(hitToJson))}\n`);
    }
    return;
  }
  const hits = searcher.search(query).hits.slice(0, limit);
  if (values.json) return console.log(JSON.stringify(hits.map(hitToJson), null, 2));
  if (hits.length === 0) {
    const topics = searcher.suggestTopics(query, 5).join(', ');
    return console.log(`No talk matches "${query}". Try a topic: ${topics}`);
  }
  console.log(hits.map((hit, i) => hitToText(hit, i + 1, language)).join('\n\n'));
});
