import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../config.ts';
import type { PreviewRequest } from '../preview/preview.ts';
import { languageOption, parseCommandLine, runCli, UsageError } from './run.ts';

const USAGE = `Usage: npm run -s preview -- [--lang en|fr] [--out page.html] [--shared | --mention] "<what you would type after /kubecon>"
       npm run -s preview -- --home [--lang en|fr] [--out page.html]
       npm run -s preview -- --digest [--lang en|fr] [--out page.html]
       npm run -s preview -- --dm "<topics, comma-separated>" [--lang en|fr] [--out page.html]
Writes an HTML page drawing the answer as Slack would and prints its path (under ${tmpdir()} unless --out).
--shared also draws the message the first talk's Share button posts; --mention draws the answer
to "@kubecon <text>" in a channel, posted in its thread; --dm draws the weekly direct message of
someone following those topics, and their Home tab.`;

/** A file name that says what the page shows: kubecon-preview-autoscaling.html. */
function defaultFile(request: PreviewRequest, language: string): string {
  const what = request.kind === 'command' ? `${request.text}${request.mention ? ' mention' : ''}` : request.kind;
  const slug = what
    .normalize('NFKD')
    .replace(/[^\w]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase()
    .slice(0, 60);
  return path.join(tmpdir(), `kubecon-preview-${slug || 'help'}-${language}.html`);
}

await runCli(async () => {
  const parsed = parseCommandLine(
    {
      options: {
        lang: { type: 'string' },
        out: { type: 'string' },
        home: { type: 'boolean', default: false },
        digest: { type: 'boolean', default: false },
        dm: { type: 'string' },
        shared: { type: 'boolean', default: false },
        mention: { type: 'boolean', default: false },
      },
      allowPositionals: true,
    },
    USAGE,
  );
  if (!parsed) return;
  const { values, positionals } = parsed;
  const text = positionals.join(' ').trim();
  const surfaces = [values.home, values.digest, values.dm !== undefined].filter(Boolean).length;
  if (surfaces > 1) throw new UsageError(`--home, --digest and --dm draw different things: give one.\n${USAGE}`);
  if (surfaces === 1 && (text || values.shared || values.mention))
    throw new UsageError(`--home, --digest and --dm take no command, nor --shared or --mention.\n${USAGE}`);
  if (values.dm?.trim() === '') throw new UsageError(`--dm needs the topics followed, e.g. --dm "security, observability".\n${USAGE}`);
  if (values.shared && values.mention) throw new UsageError(`--shared is for /kubecon's private answer, not --mention's.\n${USAGE}`);
  const lang = languageOption(values.lang, USAGE);

  const config = loadConfig({ purpose: 'post' });
  const language = lang ?? config.language;
  const request: PreviewRequest = values.home
    ? { kind: 'home' }
    : values.digest
      ? { kind: 'digest' }
      : values.dm !== undefined
        ? { kind: 'dm', topics: values.dm }
        : { kind: 'command', text, shared: values.shared, mention: values.mention };
  // Bolt, React and the renderer load only once the command line is known good: a usage error stays instant.
  const [{ compose }, { NotPreviewableError, previewPage }] = await Promise.all([import('../compose.ts'), import('../preview/preview.ts')]);
  let html: string;
  try {
    html = await previewPage(await compose(config), request, { language });
  } catch (error) {
    if (error instanceof NotPreviewableError) throw new UsageError(`${error.message}\n${USAGE}`);
    throw error;
  }
  const file = path.resolve(values.out ?? defaultFile(request, language));
  await writeFile(file, html);
  console.log(file);
});
