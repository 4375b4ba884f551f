import { createBot } from './bot/answer.ts';
import { loadCatalogue } from './catalogue/load.ts';
import { runCli } from './cli/run.ts';
import { loadConfig } from './config.ts';
import { runConsole } from './console/console.ts';
import { createSearcher } from './search/searcher.ts';

// Composition root: config -> catalogue -> search -> bot -> a door (console or Slack).
await runCli(async () => {
  const config = loadConfig();
  const catalogue = await loadCatalogue(config.catalogueDir);
  const searcher = createSearcher(catalogue);
  const bot = createBot({ catalogue, searcher });

  if (config.mode === 'console') {
    await runConsole({ bot, language: config.language, input: process.stdin, output: process.stdout, interactive: Boolean(process.stdin.isTTY) });
    return;
  }
  throw new Error(`Slack mode "${config.mode}" is not available yet`);
});
