import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createBot } from '../../src/bot/answer.ts';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import { PROJECT_ROOT } from '../../src/config.ts';
import { runConsole } from '../../src/console/console.ts';
import { createSearcher } from '../../src/search/searcher.ts';

const run = promisify(execFile);

async function converse(lines: string[], language: 'en' | 'fr' = 'en'): Promise<string> {
  const catalogue = await loadCatalogue(path.join(PROJECT_ROOT, 'data'));
  const bot = createBot({ catalogue, searcher: createSearcher(catalogue), random: () => 0 });
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk) => (text += chunk));
  const done = runConsole({ bot, language, input, output, interactive: false });
  input.end(lines.map((l) => `${l}\n`).join(''));
  await done;
  return text;
}

describe('local console', () => {
  it('says what it is and how to connect to Slack first', async () => {
    const text = await converse([]);
    const [first, second] = text.split('\n');
    expect(first).toMatch(/local console/);
    expect(second).toMatch(/SLACK_BOT_TOKEN/);
  });

  it('answers a query with talks, videos and takeaways, and pages with "more"', async () => {
    const text = await converse(['kubernetes', 'more']);
    expect(text).toMatch(/== Talks for “kubernetes” ==/);
    expect(text).toMatch(/https:\/\/www\.youtube\.com\/watch\?v=/);
    // Each talk's takeaway, cut to a sentence or two, ends with the team's stance.
    expect(text).toMatch(/\. (Adopt|Trial|Assess|Hold): /);
    expect(text).toMatch(/Showing 4–6 of/);
  });

  it('answers in French, and says when nothing matches with topics to try', async () => {
    const text = await converse(['recette de paella'], 'fr');
    expect(text).toMatch(/Aucune conférence ne correspond à «\u00a0recette de paella\u00a0»/);
    expect(text).toMatch(/Essayez un de ces thèmes/);
  });

  it('works from a pipe: `echo ... | npm start` answers and exits 0', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'kubecon-console-'));
    const child = run(process.execPath, [path.join(PROJECT_ROOT, 'src', 'main.ts')], {
      cwd,
      env: { PATH: process.env.PATH ?? '' },
      timeout: 20_000,
    });
    child.child.stdin!.end('ephemeral containers\n');
    const { stdout } = await child;
    expect(stdout).toMatch(/local console/);
    expect(stdout).toMatch(/Ephemeral Containers/i);
  });
});
