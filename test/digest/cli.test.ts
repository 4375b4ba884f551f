import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.ts';
import { createSchedule, slotId } from '../../src/digest/schedule.ts';
import { NODE_ARGS } from '../cli/child-process.ts';
import { slackCatalogueDir } from '../slack/fixture-catalogue.ts';
import { BOT_TOKEN, SIGNING_SECRET } from '../slack/harness.ts';
import { digestFixtures, refuseIn, stateFile } from './helpers.ts';

const setup = digestFixtures();
const CLI = path.join(PROJECT_ROOT, 'src', 'cli', 'digest.ts');

/** `npm run digest -- <args>`, as a separate process, run from DATA_DIR so that no .env file is read; the bot's own environment, as a CronJob gets it. */
async function digestCli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [...NODE_ARGS, CLI, ...args], {
      cwd: env.DATA_DIR,
      env: { PATH: process.env.PATH ?? '', CATALOGUE_DIR: slackCatalogueDir(), BOT_LANGUAGE: 'en', ...env },
      timeout: 10_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** The slot the CLI works on, as it computes it: the latest run of the default DIGEST_CRON, five minutes early allowed. */
const currentSlot = () => createSchedule({ cron: '30 9 * * 1', timezone: 'Europe/Paris' }).latest(new Date(Date.now() + 5 * 60_000))!;

const SUBSCRIBED = { version: 1, subscriptions: { CSUB: { by: 'U1', at: '2020-01-01T00:00:00.000Z', language: 'fr' } }, channels: {} };

describe('npm run digest', () => {
  it('--dry-run prints each channel’s digest and changes nothing', async () => {
    const f = await setup({ fake: { joinedChannels: ['CCONF', 'CSUB'] } });
    const env = {
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: f.fake.apiUrl,
      DATA_DIR: f.dataDir,
      DIGEST_CHANNELS: 'CCONF',
    };
    const before = `${JSON.stringify(SUBSCRIBED, null, 2)}\n`;
    await writeFile(stateFile(f.dataDir), before);

    const run = await digestCli(['--now', '--dry-run'], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('dry run: nothing is posted or saved');
    expect(run.stdout).toContain('######## CCONF (en, DIGEST_CHANNELS)\nGets this digest.');
    expect(run.stdout).toContain('== 🗞 KubeCon digest of the week:');
    expect(run.stdout).toContain('######## CSUB (fr, subscribed by U1 on 2020-01-01T00:00:00.000Z)\nGets this digest.');
    expect(run.stdout).toContain('== 🗞 Le résumé KubeCon de la semaine');
    expect(run.stdout).toContain('2 of 2 channels would get this digest.');
    // Slack is asked whether the bot can post, and nothing else.
    expect(new Set(f.fake.calls.map((call) => call.method))).toEqual(new Set(['conversations.info']));
    expect(await readFile(stateFile(f.dataDir), 'utf8')).toBe(before);
  });

  it('--dry-run tells each channel that gets nothing why: subscribed after the slot began, already posted, the bot not there', async () => {
    const f = await setup({ fake: { joinedChannels: ['CSUB', 'CDONE'] } });
    f.fake.setResponse('conversations.info', (call) => ({
      ok: true,
      channel: { id: call.args.channel, is_member: call.args.channel !== 'CGONE', is_archived: call.args.channel === 'CARCH' },
    }));
    const slot = slotId(currentSlot());
    const state = {
      version: 1,
      subscriptions: {
        ...SUBSCRIBED.subscriptions,
        CLATE: { by: 'U2', at: '2100-01-01T00:00:00.000Z', language: 'en' },
        CDONE: { by: 'U3', at: '2020-01-01T00:00:00.000Z', language: 'en' },
        CARCH: { by: 'U4', at: '2020-01-01T00:00:00.000Z', language: 'en' },
      },
      channels: { CDONE: { cycle: 0, seen: [], last: { slot, ts: '1700000000.000042', theme: 'costs' } } },
    };
    await writeFile(stateFile(f.dataDir), JSON.stringify(state));
    const env = { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_API_URL: f.fake.apiUrl, DATA_DIR: f.dataDir, DIGEST_CHANNELS: 'CGONE' };

    const run = await digestCli(['--now', '--dry-run'], env);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('no channel subscribed');
    expect(run.stdout).toContain('######## CSUB (fr, subscribed by U1 on 2020-01-01T00:00:00.000Z)\nGets this digest.');
    expect(run.stdout).toContain(
      '######## CLATE (en, subscribed by U2 on 2100-01-01T00:00:00.000Z)\n' +
        'Does not get this digest: it subscribed on Friday, 1 January 2100 at 01:00 (Europe/Paris), after this slot began. ' +
        'Its first digest: Monday, 4 January 2100 at 09:30 (Europe/Paris).',
    );
    expect(run.stdout).toContain(
      '######## CDONE (en, subscribed by U3 on 2020-01-01T00:00:00.000Z)\nDoes not get it again: already posted (ts 1700000000.000042).',
    );
    expect(run.stdout).toContain(
      '######## CGONE (en, DIGEST_CHANNELS)\nWould fail: the bot is not a member of this channel: /invite @kubecon in it, or remove it from DIGEST_CHANNELS.',
    );
    expect(run.stdout).toContain(
      '######## CARCH (en, subscribed by U4 on 2020-01-01T00:00:00.000Z)\nWould fail: the channel is archived: unarchive it, or unsubscribe it (/kubecon digest unsubscribe).',
    );
    expect(run.stdout).toContain('1 of 5 channels would get this digest.');
    // Only the channels that would get a digest are checked.
    expect(
      f.fake
        .callsTo('conversations.info')
        .map((call) => call.args.channel)
        .sort(),
    ).toEqual(['CARCH', 'CGONE', 'CSUB']);

    // Without a token nothing is asked of Slack, and the dry run says so; --channel asks about one channel, whatever its subscription.
    const offline = await digestCli(['--now', '--dry-run', '--channel', 'CLATE'], { DATA_DIR: f.dataDir });
    expect(offline.code).toBe(0);
    expect(offline.stdout).toContain('SLACK_BOT_TOKEN is not set: whether the bot can post in each channel is not checked.');
    expect(offline.stdout).toContain(
      '######## CLATE (en, subscribed by U2 on 2100-01-01T00:00:00.000Z, named with --channel)\nGets this digest.',
    );
    expect(offline.stdout).toContain('1 of 1 channel would get this digest.');
    expect(f.fake.callsTo('conversations.info')).toHaveLength(3);
  });

  it('--now says which subscribed channel it left alone, and why', async () => {
    const f = await setup();
    const env = { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_API_URL: f.fake.apiUrl, DATA_DIR: f.dataDir };
    const late = { ...SUBSCRIBED, subscriptions: { CLATE: { by: 'U2', at: '2100-01-01T00:00:00.000Z', language: 'en' } } };
    await writeFile(stateFile(f.dataDir), JSON.stringify(late));

    const run = await digestCli(['--now'], env);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('no channel subscribed');
    expect(run.stdout).toContain('CLATE: left alone: it subscribed on 2100-01-01T00:00:00.000Z, after this slot began');
    expect(f.fake.callsTo('chat.postMessage')).toEqual([]);
  });

  it('--now posts once to each channel, one Slack refuses beside them; a second run posts nothing', async () => {
    const f = await setup();
    // The bot token alone: posting needs no signing secret.
    const env = { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_API_URL: f.fake.apiUrl, DATA_DIR: f.dataDir, DIGEST_CHANNELS: 'CCONF,CLOCKED' };
    await writeFile(stateFile(f.dataDir), JSON.stringify(SUBSCRIBED));
    refuseIn(f.fake, 'CLOCKED', 'not_in_channel');

    const first = await digestCli(['--now'], env);
    expect(first.code).toBe(1);
    expect(first.stdout).toMatch(/CCONF: posted \(ts [\d.]+\)/);
    expect(first.stdout).toMatch(/CSUB: posted \(ts [\d.]+\)/);
    expect(first.stdout).toContain('CLOCKED: FAILED (not_in_channel)');
    expect(first.stderr).toContain('/invite @kubecon');
    // One attempt each: a refusal is not retried.
    expect(
      f.fake
        .callsTo('chat.postMessage')
        .map((call) => call.args.channel)
        .sort(),
    ).toEqual(['CCONF', 'CLOCKED', 'CSUB']);

    const second = await digestCli(['--now', '--channel', 'CSUB'], env);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('CSUB: already posted');
    expect(f.fake.callsTo('chat.postMessage')).toHaveLength(3);
  });

  it('fails clearly: bad arguments, no token, a corrupt state file', async () => {
    const f = await setup();
    const env = { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: f.fake.apiUrl, DATA_DIR: f.dataDir };
    const [noNow, byName, noToken] = await Promise.all([
      digestCli([], env),
      digestCli(['--now', '--channel', 'general'], env),
      digestCli(['--now'], { DATA_DIR: f.dataDir }),
    ]);
    expect(noNow).toMatchObject({ code: 2 });
    expect(noNow.stderr).toContain('--now is required');
    expect(byName.stderr).toContain('--channel must be a channel id');
    expect(noToken.stderr).toContain('SLACK_BOT_TOKEN is not set');

    await writeFile(stateFile(f.dataDir), '{ not json');
    const corrupt = await digestCli(['--now'], env);
    expect(corrupt.code).toBe(1);
    expect(corrupt.stderr).toContain(`The digest state file ${stateFile(f.dataDir)} is not valid JSON`);
    expect(corrupt.stderr).not.toContain('    at ');
  });
});
