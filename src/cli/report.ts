import { parseArgs } from 'node:util';
import { compose } from '../compose.ts';
import { loadConfig } from '../config.ts';
import { followCounts } from '../digest/personal-state.ts';
import { createFeedback } from '../feedback/feedback.ts';
import { createLogger } from '../log/logger.ts';
import { runCli, UsageError } from './run.ts';

const USAGE = `Usage: npm run -s report [-- --limit N]
Prints, for maintainers, the most and least useful talks by the 👍 and 👎 people gave answers,
the figures per kind of answer, how many people follow each topic for their weekly DM, and (with
SEARCH_GAPS=on) what people searched for and found nothing.
Reads the bot's store: DATA_DIR, or Redis with REDIS_URL.`;

await runCli(async () => {
  let limit = 10;
  try {
    const { values } = parseArgs({ args: process.argv.slice(2), options: { limit: { type: 'string' }, help: { type: 'boolean' } } });
    if (values.help) {
      console.log(USAGE);
      return;
    }
    if (values.limit !== undefined) limit = Number(values.limit);
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
    throw new UsageError(`--limit must be a whole number from 1 to 1000\n${USAGE}`);

  const config = loadConfig();
  const composition = await compose(config);
  const logger = createLogger({ level: config.logLevel, format: process.stderr.isTTY ? 'pretty' : 'json' });
  const { store } = composition.digest(logger);
  const feedback = createFeedback({ store, searchGaps: config.searchGaps });
  try {
    const report = await feedback.report();
    const title = (id: string) => composition.catalogue.talkById.get(id)?.title ?? `${id} (no longer in the catalogue)`;
    const line = ({ talk, up, down }: { talk: string; up: number; down: number }) => `  ${`+${up} -${down}`.padEnd(10)} ${title(talk)}`;
    console.log('Most useful talks (👍 net of 👎):');
    console.log(report.talks.length === 0 ? '  no rating yet' : report.talks.slice(0, limit).map(line).join('\n'));
    console.log('\nLeast useful talks:');
    const least = report.talks.filter(({ up, down }) => down > 0 || up === 0).reverse();
    console.log(least.length === 0 ? '  none rated down' : least.slice(0, limit).map(line).join('\n'));
    console.log('\nBy kind of answer:');
    console.log(
      report.kinds.length === 0
        ? '  no rating yet'
        : report.kinds.map(({ kind, up, down }) => `  ${kind.padEnd(12)} +${up} -${down}`).join('\n'),
    );
    console.log('\nTopics people follow for their weekly DM:');
    const follows = followCounts(await store.read(), new Date());
    const topic = (id: string) => composition.catalogue.topicById.get(id)?.label.en ?? `${id} (no longer in the catalogue)`;
    console.log(
      follows.length === 0
        ? '  nobody follows a topic yet'
        : follows
            .map(
              ({ topic: id, people, snoozed }) =>
                `  ${String(people).padStart(4)}  ${topic(id)}${snoozed > 0 ? ` (${snoozed} snoozed)` : ''}`,
            )
            .join('\n'),
    );
    console.log('\nSearches that found nothing (last 90 days):');
    if (!config.searchGaps) console.log('  not recorded: SEARCH_GAPS is off (README.md, "Privacy")');
    else
      console.log(
        report.gaps.length === 0
          ? '  none'
          : report.gaps
              .slice(0, limit)
              .map(({ words, count, last }) => `  ${String(count).padStart(4)}x  ${words}  (last ${last.slice(0, 10)})`)
              .join('\n'),
      );
  } finally {
    await composition.close();
  }
});
