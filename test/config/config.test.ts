import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, PROJECT_ROOT } from '../../src/config.ts';
import { ConfigError } from '../../src/config-error.ts';
import { NODE_ARGS } from '../cli/child-process.ts';

const problemsOf = (env: Record<string, string>): readonly string[] => {
  try {
    loadConfig({ env, envFile: '' });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('configuration', () => {
  it('opens the local console when no Slack variable is set, with the defaults', () => {
    const config = loadConfig({ env: {}, envFile: '' });
    expect(config).toMatchObject({
      mode: 'console',
      port: 3000,
      healthPort: 3001,
      language: 'en',
      logLevel: 'info',
      metricsPort: undefined,
    });
    expect(config.digest).toEqual({ cron: '30 9 * * 1', timezone: 'Europe/Paris', channels: [], scheduler: true });
    expect(Object.isFrozen(config.digest)).toBe(true);
  });

  it('chooses Socket Mode with an app token, HTTP with a signing secret', () => {
    expect(loadConfig({ env: { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }, envFile: '' }).mode).toBe('socket');
    const http = loadConfig({
      env: { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'abcdef0123456789', PORT: '8080', SLACK_API_URL: 'http://127.0.0.1:9/api' },
      envFile: '',
    });
    expect(http).toMatchObject({ mode: 'http', port: 8080, slack: { apiUrl: 'http://127.0.0.1:9/api/' } });
  });

  it('asks the digest CLI, which only posts, for the bot token alone', () => {
    const env = { SLACK_BOT_TOKEN: 'xoxb-1' };
    expect(() => loadConfig({ env, envFile: '' })).toThrow(/SLACK_SIGNING_SECRET is missing/);
    expect(loadConfig({ env, envFile: '', purpose: 'post' }).slack.botToken).toBe('xoxb-1');
  });

  it('lists every problem at once, each naming the variable and how to fix it', () => {
    const problems = problemsOf({
      SLACK_APP_TOKEN: 'xoxb-wrong',
      PORT: '70000',
      BOT_LANGUAGE: 'de',
      DIGEST_TIMEZONE: 'Mars/Olympus',
      DIGEST_CHANNELS: '#general',
      DIGEST_CRON: 'every monday',
    });
    expect(problems).toHaveLength(7);
    for (const name of [
      'SLACK_APP_TOKEN',
      'PORT',
      'BOT_LANGUAGE',
      'DIGEST_TIMEZONE',
      'DIGEST_CHANNELS',
      'DIGEST_CRON',
      'SLACK_BOT_TOKEN is missing',
    ]) {
      expect(
        problems.some((p) => p.includes(name)),
        name,
      ).toBe(true);
    }
    expect(problemsOf({ SLACK_BOT_TOKEN: 'xoxb-1' })).toEqual([expect.stringContaining('SLACK_SIGNING_SECRET is missing')]);
  });

  it('reads a .env file under the environment, an empty value counting as unset', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kubecon-env-'));
    const envFile = path.join(dir, '.env');
    writeFileSync(envFile, 'SLACK_BOT_TOKEN=xoxb-from-file\nSLACK_APP_TOKEN=xapp-from-file\nPORT=4000\nBOT_LANGUAGE=fr\n');
    const config = loadConfig({ env: { PORT: '5000', BOT_LANGUAGE: '' }, envFile });
    rmSync(dir, { recursive: true, force: true });
    expect(config).toMatchObject({ mode: 'socket', port: 5000, language: 'en', slack: { botToken: 'xoxb-from-file' } });
  });

  it('stops the bot with the list and no stack trace, exit code 1, secrets not echoed', async () => {
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = execFile(
        process.execPath,
        [...NODE_ARGS, path.join(PROJECT_ROOT, 'src', 'main.ts')],
        { cwd: tmpdir(), env: { PATH: process.env.PATH ?? '', SLACK_BOT_TOKEN: 'xoxb-secret-value', PORT: 'abc' }, timeout: 20_000 },
        (_error, _stdout, err) => resolve({ code: child.exitCode, stderr: err }),
      );
    });
    expect(code).toBe(1);
    expect(stderr).toContain('Invalid configuration (2 problems)');
    expect(stderr).toContain('PORT must be a port number');
    expect(stderr).toContain('SLACK_SIGNING_SECRET is missing');
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stderr).not.toContain('xoxb-secret-value');
  });
});

describe('a secret pasted or echoed with what no secret contains', () => {
  const load = (env: Record<string, string>) => {
    const warnings: string[] = [];
    const config = loadConfig({ env, envFile: '', warn: (message) => warnings.push(message) });
    return { config, warnings };
  };
  const clean = { SLACK_BOT_TOKEN: 'xoxb-1-abc', SLACK_APP_TOKEN: 'xapp-1-def', SLACK_SIGNING_SECRET: 'abcdef0123456789' };
  const forms: Array<[string, (value: string) => string, string]> = [
    ['surrounding spaces', (v) => `  ${v}\t`, 'spaces'],
    ['a trailing newline (echo into a Kubernetes Secret)', (v) => `${v}\n`, 'a line break'],
    ['a trailing CR LF (a file saved on Windows)', (v) => `${v}\r\n`, 'a line break'],
    ['double quotes (docker --env-file)', (v) => `"${v}"`, 'quotes'],
    ['single quotes', (v) => `'${v}'`, 'quotes'],
    ['quotes, a newline and spaces together', (v) => ` "${v}"\n`, 'quotes, a line break and spaces'],
    ['spaces inside the quotes', (v) => `" ${v} "`, 'quotes and spaces'],
  ];

  for (const name of ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET'] as const) {
    it.each(forms)(`${name} with %s is trimmed, with a warning that names it and not its value`, (_form, dress, removed) => {
      const { config, warnings } = load({ ...clean, [name]: dress(clean[name]) });
      expect(config.slack).toMatchObject({
        botToken: clean.SLACK_BOT_TOKEN,
        appToken: clean.SLACK_APP_TOKEN,
        signingSecret: clean.SLACK_SIGNING_SECRET,
      });
      expect(warnings).toEqual([expect.stringContaining(`${name} had ${removed} around its value`)]);
      expect(warnings[0]).not.toContain(clean[name]);
    });
  }

  it('warns about nothing when the values are clean', () => {
    expect(load(clean).warnings).toEqual([]);
  });

  it('still refuses a value that is malformed once trimmed, with the usual message, and names it in the warning', () => {
    const warnings: string[] = [];
    expect(() =>
      loadConfig({ env: { ...clean, SLACK_BOT_TOKEN: '"xoxp-1-user-token"\n' }, envFile: '', warn: (m) => warnings.push(m) }),
    ).toThrow(/SLACK_BOT_TOKEN must be a bot token starting with "xoxb-"/);
    expect(warnings).toEqual([expect.stringContaining('SLACK_BOT_TOKEN had quotes and a line break')]);
    // Quotes inside the value, or only one of a pair, are not ours to guess about.
    expect(problemsOf({ ...clean, SLACK_SIGNING_SECRET: '"abcdef0123456789' })).toEqual([
      expect.stringContaining('SLACK_SIGNING_SECRET must be the signing secret'),
    ]);
  });

  it('counts a value that was nothing but quotes and blanks as unset', () => {
    const { config, warnings } = load({
      SLACK_BOT_TOKEN: clean.SLACK_BOT_TOKEN,
      SLACK_APP_TOKEN: clean.SLACK_APP_TOKEN,
      SLACK_SIGNING_SECRET: '""\n',
    });
    expect(config).toMatchObject({ mode: 'socket', slack: { signingSecret: undefined } });
    expect(warnings).toEqual([expect.stringContaining('SLACK_SIGNING_SECRET had quotes and a line break')]);
  });

  it('trims a value from the .env file too, and warns on stderr when no one listens for warnings', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kubecon-env-'));
    writeFileSync(path.join(dir, '.env'), `SLACK_BOT_TOKEN=" xoxb-1-abc "\nSLACK_APP_TOKEN=xapp-1-def\n`);
    const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>((resolve, reject) => {
      execFile(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `const { loadConfig } = await import(${JSON.stringify(path.join(PROJECT_ROOT, 'src/config.ts'))}); console.log(loadConfig().slack.botToken);`,
        ],
        { cwd: dir, env: { PATH: process.env.PATH ?? '' } },
        (error, out, err) => (error ? reject(error) : resolve({ stdout: out, stderr: err })),
      );
    });
    rmSync(dir, { recursive: true, force: true });
    expect(stdout).toBe('xoxb-1-abc\n');
    expect(stderr).toMatch(/^Warning: SLACK_BOT_TOKEN had spaces around its value, which the bot removed\./);
    expect(stderr).not.toContain('xoxb-1-abc');
  });
});
