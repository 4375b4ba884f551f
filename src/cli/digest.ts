import { parseArgs } from 'node:util';
import { formatSlot, renderDigest } from '../blocks/digest.ts';
import type { Catalogue } from '../catalogue/model.ts';
import { compose } from '../compose.ts';
import { loadConfig } from '../config.ts';
import { renderMessageAsText } from '../console/render-text.ts';
import { ensureWritableDataDir } from '../data-dir.ts';
import type { Digest } from '../digest/create.ts';
import type { DryRunEntry, Verdict } from '../digest/dry-run.ts';
import { createLogger } from '../log/logger.ts';
import { describePost } from './digest-words.ts';
import { runCli, UsageError } from './run.ts';

const USAGE = `Usage: npm run digest -- --now [--channel C0123ABCD] [--dry-run]
  --now         post the digest of the current slot (the latest DIGEST_CRON time in DIGEST_TIMEZONE)
                to every channel that gets it, then exit; a channel that already has it is left alone
  --channel ID  only this channel (a channel id, not a name)
  --dry-run     say whether each channel gets this digest and why not, and print what would be posted;
                post nothing, change nothing (with SLACK_BOT_TOKEN, Slack is asked whether the bot can post)`;

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

const NOBODY = 'No channel gets the digest: DIGEST_CHANNELS is empty and no channel subscribed.';

function origin({ source, subscription }: DryRunEntry): string {
  if (source === 'configured') return 'DIGEST_CHANNELS';
  if (subscription === undefined) return 'named with --channel, not subscribed';
  return `subscribed by ${subscription.by} on ${subscription.at}${source === 'named' ? ', named with --channel' : ''}`;
}

function cannotPost(access: Extract<Verdict, { kind: 'cannot-post' }>['access'], configured: boolean): string {
  const stop = configured ? 'remove it from DIGEST_CHANNELS' : 'unsubscribe it (/kubecon digest unsubscribe)';
  switch (access) {
    case 'not-member':
      return `the bot is not a member of this channel: /invite @kubecon in it, or ${stop}.`;
    case 'private':
      return `a private channel the bot is not in, or no channel at all: /invite @kubecon in it, or ${stop}.`;
    case 'archived':
      return `the channel is archived: unarchive it, or ${stop}.`;
  }
}

/** Where each channel stands for the slot, and the digest it would get as the console renders Block Kit; posts nothing, writes nothing. */
async function dryRun(digest: Digest, catalogue: Catalogue, slot: Date, options: Options, checkAccess: boolean): Promise<void> {
  const entries = await digest.dryRun.explain(slot, { channel: options.channel, checkAccess });
  if (entries.length === 0) return console.log(NOBODY);
  if (!checkAccess) console.log('SLACK_BOT_TOKEN is not set: whether the bot can post in each channel is not checked.');
  const at = (date: Date | undefined) =>
    date === undefined ? 'never (DIGEST_CRON has no later run)' : formatSlot(date, digest.schedule.timezone, 'en');
  for (const entry of entries) {
    const { recipient, verdict } = entry;
    console.log(`\n######## ${recipient.channel} (${recipient.language}, ${origin(entry)})`);
    switch (verdict.kind) {
      case 'posts':
        console.log(
          [
            'Gets this digest.',
            verdict.resumes
              ? 'A post of it was started and not recorded: Slack is asked first, and it is posted only if Slack does not have it.'
              : '',
            verdict.unchecked ? `Could not check that the bot can post there (${verdict.unchecked}).` : '',
          ]
            .filter(Boolean)
            .join(' '),
        );
        console.log(renderMessageAsText(renderDigest(verdict.digest, recipient.language, catalogue)));
        break;
      case 'already-posted':
        console.log(`Does not get it again: already posted (ts ${verdict.ts}).`);
        break;
      case 'subscribed-after-slot':
        console.log(
          `Does not get this digest: it subscribed on ${at(verdict.subscribedAt)}, after this slot began. Its first digest: ${at(verdict.first)}.`,
        );
        break;
      case 'cannot-post':
        console.log(`Would fail: ${cannotPost(verdict.access, entry.source === 'configured')}`);
        break;
      case 'empty-catalogue':
        console.log('Nothing to post: the catalogue is empty.');
        break;
    }
  }
  const getting = entries.filter(({ verdict }) => verdict.kind === 'posts').length;
  console.log(`\n${getting} of ${entries.length} channel${entries.length === 1 ? '' : 's'} would get this digest.`);
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
    if (options.dryRun) return await dryRun(digest, composition.catalogue, slot, options, config.mode !== 'console');
    const standings = await digest.runner.survey(slot, options.channel);
    if (standings.length === 0) console.log(NOBODY);
    const outcomes = await digest.runner.run(slot, { channel: options.channel });
    for (const { channel, result } of outcomes) console.log(`${channel}: ${describePost(result)}`);
    for (const standing of standings) {
      if (standing.kind === 'subscribed-after-slot')
        console.log(
          `${standing.recipient.channel}: left alone: it subscribed on ${standing.subscribedAt.toISOString()}, after this slot began`,
        );
    }
    if (outcomes.some(({ result }) => result.status === 'failed')) process.exitCode = 1;
  } finally {
    await composition.close();
  }
});
