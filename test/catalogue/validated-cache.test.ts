import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import { keepValidated, readValidated, validatedKey } from '../../src/catalogue/validated-cache.ts';
import { catalogueDir, TOPICS, validEdition } from '../fixtures/catalogue.ts';

/** A catalogue no other test loads, so that what this file keeps under its key reaches no one else. */
function ownCatalogue(): { dir: string; edition: ReturnType<typeof validEdition> } {
  const edition = validEdition();
  edition.talks[0].keywords.en.push(`own-${process.pid}-${Math.random().toString(36).slice(2)}`);
  return { dir: catalogueDir({ 'topics.json': TOPICS, '2030.json': edition }), edition };
}

const sourcesOf = (dir: string) =>
  ['2030.json', 'topics.json'].map((name) => ({ name, file: path.join(dir, name), text: readFileSync(path.join(dir, name), 'utf8') }));

describe('the validated catalogue kept between starts', () => {
  it('gives the same catalogue from what it kept as from validating the files', async () => {
    const { dir } = ownCatalogue();
    const key = await validatedKey(sourcesOf(dir));
    expect(await readValidated(key)).toBeUndefined();
    const validated = await loadCatalogue(dir);
    expect(await readValidated(key)).toBeDefined();
    expect(await loadCatalogue(dir)).toStrictEqual(validated);
  });

  it('serves what it kept for the very same files: the second start skips validation', async () => {
    const { dir } = ownCatalogue();
    await loadCatalogue(dir);
    const key = await validatedKey(sourcesOf(dir));
    const kept = (await readValidated(key))!;
    const marked = structuredClone(kept) as typeof kept & { editions: { data: { talks: { title: string }[] } }[] };
    marked.editions[0]!.data.talks[0]!.title = 'from the kept copy';
    await keepValidated(key, marked);
    expect((await loadCatalogue(dir)).talks[0]!.title).toBe('from the kept copy');
  });

  it('validates a changed file again, with zod’s message, after a start that kept the valid one', async () => {
    const { dir, edition } = ownCatalogue();
    await loadCatalogue(dir);
    edition.talks[1].takeaway.fr = '';
    writeFileSync(path.join(dir, '2030.json'), JSON.stringify(edition));
    await expect(loadCatalogue(dir)).rejects.toThrow(/talk "2030-second", field "takeaway\.fr": must not be empty/);
  });

  it('validates again when what it kept cannot be read', async () => {
    const { dir } = ownCatalogue();
    const key = await validatedKey(sourcesOf(dir));
    await keepValidated(key, JSON.parse('null'));
    expect((await loadCatalogue(dir)).talks).toHaveLength(2);
  });

  it('validates again when what it kept is not what it writes', async () => {
    const { dir } = ownCatalogue();
    const key = await validatedKey(sourcesOf(dir));
    await keepValidated(key, JSON.parse('{"topics": null}'));
    expect((await loadCatalogue(dir)).talks).toHaveLength(2);
  });
});
