import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.ts';

/**
 * The layering of src/ that a later edit could undo without any other test noticing: the
 * digest's core knows nothing of Slack, the doors reach the digest only through the bot
 * core, and no module imports itself back through others. Type-only imports count: they
 * tie the layers together as much as any other.
 */

const SRC = path.join(PROJECT_ROOT, 'src');

/** Every source file, as a path relative to src/ ('digest/plan.ts'), with what it imports. */
function importGraph(): Map<string, string[]> {
  const files = readdirSync(SRC, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const source = readFileSync(path.join(SRC, file), 'utf8');
    const specifiers = [...source.matchAll(/(?:\bfrom\s+|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g)].map((match) => match[1]!);
    // Relative imports as paths under src/ (a leading '../' means outside it); packages as they are named.
    graph.set(
      file.split(path.sep).join('/'),
      specifiers.map((specifier) =>
        specifier.startsWith('.') ? path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier)) : specifier,
      ),
    );
  }
  return graph;
}

const graph = importGraph();
const under = (dir: string) => (file: string) => file === dir || file.startsWith(`${dir}/`);

/** Each import from a file `from` selects to a module `to` selects, as 'file -> import'. */
function imports(from: (file: string) => boolean, to: (imported: string) => boolean): string[] {
  return [...graph].flatMap(([file, imported]) => (from(file) ? imported.filter(to).map((target) => `${file} -> ${target}`) : []));
}

const slack = (imported: string) => imported.startsWith('@slack/') || under('slack')(imported);

/** One cycle of imports among src/ files, as the files around it, or undefined when there is none. */
function findCycle(): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): string[] | undefined => {
    if (state.get(file) === 'done') return undefined;
    if (state.get(file) === 'visiting') return [...stack.slice(stack.indexOf(file)), file];
    state.set(file, 'visiting');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      const cycle = graph.has(next) ? visit(next) : undefined;
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(file, 'done');
    return undefined;
  };
  for (const file of graph.keys()) {
    const cycle = visit(file);
    if (cycle) return cycle;
  }
  return undefined;
}

describe('the layers of src/', () => {
  it('reads the imports it judges', () => {
    expect(graph.get('digest/poster.ts')).toContain('digest/plan.ts');
    expect(graph.get('slack/digest/client.ts')).toContain('@slack/web-api');
    expect(imports(under('slack/digest'), under('digest')).length).toBeGreaterThan(0);
  });

  it('keeps the digest core free of Slack and of Block Kit: its Slack side is src/slack/digest/', () => {
    expect(imports(under('digest'), (imported) => slack(imported) || under('blocks')(imported))).toEqual([]);
  });

  it('keeps the bot core free of Slack', () => {
    expect(imports(under('bot'), slack)).toEqual([]);
  });

  it('keeps the radar plain functions of the catalogue: no Slack, no Block Kit', () => {
    expect(graph.get('bot/answer.ts')).toContain('radar/radar.ts');
    expect(imports(under('radar'), (imported) => slack(imported) || under('blocks')(imported))).toEqual([]);
  });

  it('lets the doors reach the digest only through the bot core', () => {
    expect(imports((file) => file === 'slack/reply.ts' || under('console')(file), under('digest'))).toEqual([]);
  });

  it('has no import cycle', () => {
    expect(findCycle()).toBeUndefined();
  });

  it('passes the digest core its clock: no file under src/digest reads the time itself', () => {
    const reads = [...graph.keys()]
      .filter(under('digest'))
      .filter((file) => /Date\.now\(|new Date\(\)/.test(readFileSync(path.join(SRC, file), 'utf8')));
    expect(reads).toEqual([]);
  });
});
