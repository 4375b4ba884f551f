import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { messages } from '../../src/blocks/messages.ts';
import { parseCommand } from '../../src/bot/command.ts';
import { type Composition, compose } from '../../src/compose.ts';
import { loadConfig } from '../../src/config.ts';
import { renderPage } from '../../src/preview/page.ts';
import { NotPreviewableError, type PreviewRequest, previewPage } from '../../src/preview/preview.ts';
import { PROJECT_ROOT } from '../../src/project-root.ts';
import { runCommand, STACK_TRACE } from './child-process.ts';

/** HTML escapes what the renderer writes: compare titles as they appear in the page. */
const html = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const en = messages('en');
const fr = messages('fr');
const NOW = new Date('2026-03-02T10:00:00Z');

let composition: Composition;
beforeAll(async () => {
  composition = await compose(loadConfig({ env: {}, envFile: '' }), { random: () => 0 });
});

const page = (request: PreviewRequest, language: 'en' | 'fr' = 'en') => previewPage(composition, request, { language, now: NOW });
const command = (text: string, shared = false, mention = false): PreviewRequest => ({ kind: 'command', text, shared, mention });

/** The titles of the talks the bot lists for `text`: the page must show each of them. */
function titlesFor(text: string): string[] {
  const answer = composition.bot.answer(parseCommand(text), text);
  if (answer.kind !== 'talks') throw new Error(`"${text}" lists no talks`);
  return answer.talks.map((talk) => talk.title);
}

function expectPage(page: string, expected: readonly string[]) {
  expect(page).toMatch(/^<!doctype html>/);
  // The renderer's stylesheet is inlined, so the page looks like Slack with no network.
  expect(page).toContain('.slack_blocks_to_jsx');
  for (const text of expected) expect(page).toContain(html(text));
}

describe('the preview page draws every kind of answer', () => {
  // React reports what it cannot render (an empty src, a bad prop) on the console, not by throwing.
  const complaints = [vi.spyOn(console, 'error'), vi.spyOn(console, 'warn')];
  afterAll(() => {
    for (const spy of complaints) {
      expect(spy).not.toHaveBeenCalled();
      spy.mockRestore();
    }
  });

  it('a search with results: its header, each talk, Share and the closing row', async () => {
    const titles = titlesFor('autoscaling');
    expect(titles).toHaveLength(3);
    expectPage(await page(command('autoscaling')), [en.resultsFor('autoscaling'), ...titles, en.share, en.dismiss, 'Only visible to you']);
  });

  it('no results: says so, with topics to try', async () => {
    expectPage(await page(command('zzqqxx')), [en.tryTopics]);
  });

  it('topics, help and takeaways, in English and in French', async () => {
    expectPage(await page(command('topics')), [en.topicsHeader, en.pickTopic]);
    expectPage(await page(command('help')), [en.help.header]);
    expectPage(await page(command('takeaways 2024')), [en.takeawaysHeader(2024)]);
    const french = await page(command('topics'), 'fr');
    expectPage(french, [fr.topicsHeader, fr.pickTopic]);
    expect(french).toContain('<html lang="fr">');
    expect(french).toContain('Visible uniquement par vous');
  });

  it('random: the one talk picked', async () => {
    expectPage(await page(command('random')), [en.randomHeader, ...titlesFor('random')]);
  });

  it('a shared talk: the list, then the message Share posts, naming who shared it', async () => {
    const [first] = titlesFor('autoscaling');
    const drawn = await page(command('autoscaling', true));
    expectPage(drawn, [`Share: ${first}`, '@you']);
    expect(drawn.match(/data-kind="(\w+)"/g)).toEqual(['data-kind="ephemeral"', 'data-kind="message"']);
  });

  it('a mention: the same talks, posted in the thread for everyone, with More and no Share', async () => {
    const drawn = await page(command('autoscaling', false, true));
    expectPage(drawn, titlesFor('autoscaling'));
    expect(drawn.match(/data-kind="(\w+)"/g)).toEqual(['data-kind="message"']);
    expect(drawn).toContain(en.more);
    expect(drawn).not.toContain(html(en.share));
  });

  it('the Home tab: its header, the featured talk, the editions and the topic menu', async () => {
    const drawn = await page({ kind: 'home' });
    const editions = composition.catalogue.editions.map((e) => `${e.year} · ${e.city}`);
    expectPage(drawn, [en.home.header, en.home.featured, en.home.browseEditions, en.home.browseTopics, ...editions]);
  });

  it('the digest preview: the theme of the week and its talks', async () => {
    const drawn = await page({ kind: 'digest' });
    expectPage(drawn, ['/kubecon digest preview']);
    expect(drawn).toMatch(/<h3[^>]*slack_blocks_to_jsx__header_heading/);
  });

  it('a person’s weekly DM, with Snooze and Stop, and their Home tab with what they follow', async () => {
    const drawn = await page({ kind: 'dm', topics: 'sécurité, observability' }, 'fr');
    expectPage(drawn, ['Vos conférences KubeCon de la semaine', 'Pause de 4 semaines', 'Arrêter', 'Vos conférences de la semaine']);
    await expect(page({ kind: 'dm', topics: 'paella' })).rejects.toThrow(/"paella" is not a topic/);
  });

  it('refuses what it cannot draw without Slack', async () => {
    await expect(page(command('digest subscribe'))).rejects.toThrow(NotPreviewableError);
    await expect(page(command('topics', true))).rejects.toThrow(/--shared needs an answer with talks/);
  });

  it('fails rather than draw a page missing a block the renderer does not know', () => {
    const blocks = [{ type: 'divider' }, { type: 'no_such_block' }] as never;
    expect(() => renderPage([{ kind: 'message', label: 'x', blocks }], { title: 'x', language: 'en' })).toThrow(/drew 1 of 2 blocks/);
  });
});

describe.concurrent('npm run preview', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'kubecon-preview-test-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('writes the page to --out and prints its path, nothing else', async () => {
    const out = path.join(dir, 'page.html');
    const { code, stdout, stderr } = await runCommand('preview.ts', ['--lang', 'fr', '--out', out, 'autoscaling']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe(`${out}\n`);
    expectPage(await readFile(out, 'utf8'), [fr.resultsFor('autoscaling')]);
  });

  it('an unknown flag: the usage on stderr, exit 2, no stack trace', async () => {
    const { code, stdout, stderr } = await runCommand('preview.ts', ['--bogus']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^Unknown option '--bogus'\..*\nUsage: npm run -s preview -- /s);
    expect(stderr).not.toMatch(STACK_TRACE);
  });
});

describe('the preview stays out of the bot', () => {
  it('only src/preview/ and src/cli/preview.ts import React or the renderer: the container has neither', () => {
    const src = path.join(PROJECT_ROOT, 'src');
    const importers = readdirSync(src, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts'))
      .filter((file) => /from ['"](react|react-dom\/server|slack-blocks-to-jsx)['"]/.test(readFileSync(path.join(src, file), 'utf8')))
      .map((file) => file.split(path.sep).join('/'));
    expect(importers.filter((file) => !file.startsWith('preview/'))).toEqual([]);
    const pkg = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(pkg.dependencies)).not.toContain('react');
  });
});
