import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.ts';
import { slackCatalogueDir } from '../slack/fixture-catalogue.ts';
import { BOT_TOKEN, SIGNING_SECRET } from '../slack/harness.ts';
import { digestFixtures, refuseIn, stateFile } from './helpers.ts';

const setup = digestFixtures();
const CLI = path.join(PROJECT_ROOT, 'src', 'cli', 'digest.ts');

/** `npm run digest -- <args>`, as a separate process, run from DATA_DIR so that no .env file is read; the bot's own environment, as a CronJob gets it. */
async function digestCli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, ...args], {
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

const SUBSCRIBED = { version: 1, subscriptions: { CSUB: { by: 'U1', at: '2020-01-01T00:00:00.000Z', language: 'fr' } }, channels: {} };

describe('npm run digest', () => {
  it('--dry-run prints each channel’s digest and changes nothing', async () => {
    const f = await setup();
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
    expect(run.stdout).toContain('######## CCONF (en)');
    expect(run.stdout).toContain('== 🗞 KubeCon digest of the week:');
    expect(run.stdout).toContain('######## CSUB (fr)');
    expect(run.stdout).toContain('== 🗞 Le résumé KubeCon de la semaine');
    expect(f.fake.calls).toEqual([]);
    expect(await readFile(stateFile(f.dataDir), 'utf8')).toBe(before);
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
