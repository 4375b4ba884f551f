import { parseArgs } from 'node:util';
import { formatSlot, renderDigest } from '../blocks/digest.ts';
import type { Catalogue } from '../catalogue/model.ts';
import { compose } from '../compose.ts';
import { loadConfig } from '../config.ts';
import { renderMessageAsText } from '../console/render-text.ts';
import { ensureWritableDataDir } from '../data-dir.ts';
import type { Digest } from '../digest/create.ts';
import type { PostResult } from '../digest/poster.ts';
import { slotId } from '../digest/schedule.ts';
import { DigestStateError } from '../digest/store.ts';
import { createLogger } from '../log/logger.ts';
import { runCli, UsageError } from './run.ts';

const USAGE = `Usage: npm run digest -- --now [--channel C0123ABCD] [--dry-run]
  --now         post the digest of the current slot (the latest DIGEST_CRON time in DIGEST_TIMEZONE)
                to every channel that gets it, then exit; a channel that already has it is left alone
  --channel ID  only this channel (a channel id, not a name)
  --dry-run     print what would be posted; post nothing, change nothing`;

/** A CronJob's pod may start a moment before the minute it was scheduled for: that run is for the coming slot, not last week's. */
const EARLY_MS = 5 * 60 * 1000;

interface Options {
  readonly channel?: string | undefined;
  readonly dryRun: boolean;
}

function parseOptions(argv: readonly string[]): Options {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        now: { type: 'boolean' },
        channel: { type: 'string' },
        'dry-run': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const { values } = parsed;
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (!values.now) throw new UsageError(`--now is required: this command posts the digest once, now.\n${USAGE}`);
  if (values.channel !== undefined && !/^[CG][A-Z0-9]{2,}$/.test(values.channel)) {
    throw new UsageError(
      `--channel must be a channel id such as C0123ABCD (in Slack: channel details, at the bottom), got "${values.channel}"\n${USAGE}`,
    );
  }
  return { channel: values.channel, dryRun: values['dry-run'] ?? false };
}

const describe = (result: PostResult): string => {
  switch (result.status) {
    case 'posted':
      return `posted (ts ${result.ts})`;
    case 'already-posted':
      return `already posted (ts ${result.ts}): left alone`;
    case 'failed':
      return `FAILED (${result.reason}): see the log above`;
    case 'empty-catalogue':
      return 'nothing to post: the catalogue is empty';
  }
};

/** What each channel would get, as the console renders Block Kit; reads the state, writes nothing, calls no Slack API. */
async function dryRun(digest: Digest, catalogue: Catalogue, slot: Date, options: Options, now: Date): Promise<void> {
  const state = await digest.store.read();
  const audience = await digest.runner.audience(slot, options.channel);
  if (audience.length === 0) console.log('No channel gets the digest: DIGEST_CHANNELS is empty and no channel subscribed.');
  for (const { channel, language } of audience) {
    const plan = digest.planner.plan(channel, state.channels[channel], slotId(slot), now);
    console.log(`\n######## ${channel} (${language})`);
    if (plan.kind === 'already-posted') console.log(`Already posted (ts ${plan.ts}): nothing to do.`);
    else if (plan.kind === 'empty-catalogue') console.log('Nothing to post: the catalogue is empty.');
    else {
      if (plan.kind === 'in-progress')
        console.log(
          'A post of this digest was started and not recorded: Slack would be asked first, and this posted only if it does not have it.',
        );
      console.log(renderMessageAsText(renderDigest(digest.planner.content(plan.digest), language, catalogue)));
    }
  }
}

await runCli(async () => {
  const options = parseOptions(process.argv.slice(2));
  const config = loadConfig({ purpose: 'post' });
  if (!options.dryRun && config.mode === 'console')
    throw new UsageError('SLACK_BOT_TOKEN is not set: posting needs it (see README.md). --dry-run works without it.');
  if (!options.dryRun) await ensureWritableDataDir(config.dataDir);
  const composition = await compose(config);
  const logger = createLogger({ level: config.logLevel, format: process.stderr.isTTY ? 'pretty' : 'json' });
  const digest = composition.digest(logger);
  const now = new Date();
  const slot = digest.schedule.latest(new Date(now.getTime() + EARLY_MS));
  if (slot === undefined) throw new UsageError(`DIGEST_CRON ("${config.digest.cron}") has no run before now: no digest is due.`);

  console.log(
    `Digest of ${formatSlot(slot, config.digest.timezone, 'en')}${options.dryRun ? ' (dry run: nothing is posted or saved)' : ''}`,
  );
  try {
    if (options.dryRun) return await dryRun(digest, composition.catalogue, slot, options, now);
    const outcomes = await digest.runner.run(slot, { channel: options.channel });
    if (outcomes.length === 0) console.log('No channel gets the digest: DIGEST_CHANNELS is empty and no channel subscribed.');
    for (const { channel, result } of outcomes) console.log(`${channel}: ${describe(result)}`);
    if (outcomes.some(({ result }) => result.status === 'failed')) process.exitCode = 1;
  } catch (error) {
    // The state file's own message says which file and how to fix it; a stack trace would bury it.
    if (!(error instanceof DigestStateError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  }
});
