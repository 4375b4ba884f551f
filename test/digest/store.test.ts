import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileDigestStore, WRITTEN_MARKER } from '../../src/digest/file-store.ts';
import { DigestStateError, EMPTY_STATE } from '../../src/digest/store.ts';
import { stateFile, tempDirs } from './helpers.ts';
import { digestStoreContract, subscribed } from './store-contract.ts';

const newDir = tempDirs();

digestStoreContract('the file store', async () => {
  const file = stateFile(await newDir());
  return { open: () => createFileDigestStore(file), reopen: () => createFileDigestStore(file) };
});

describe('the file-backed digest store', () => {
  it('writes nothing for a change that changes nothing', async () => {
    const dir = await newDir();
    await createFileDigestStore(stateFile(dir)).update((state) => state);
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses a file that is not JSON, naming it and how to fix it, and leaves it as it was', async () => {
    const file = stateFile(await newDir());
    await writeFile(file, '{"version": 1, "subscriptions": {');
    const store = createFileDigestStore(file);
    const error = await store.read().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DigestStateError);
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toContain('not valid JSON');
    expect((error as Error).message).toContain(`mv ${file} ${file}.broken`);
    await expect(store.update((state) => subscribed(state, 'C1'))).rejects.toThrow(DigestStateError);
    expect(await readFile(file, 'utf8')).toBe('{"version": 1, "subscriptions": {');
  });

  it('refuses JSON of the wrong shape, saying where', async () => {
    const file = stateFile(await newDir());
    await writeFile(
      file,
      JSON.stringify({ version: 1, subscriptions: { C1: { by: 'U1', at: 'yesterday', language: 'de' } }, channels: {} }),
    );
    const error = (await createFileDigestStore(file)
      .read()
      .catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(DigestStateError);
    expect(error.message).toContain(file);
    expect(error.message).toContain('subscriptions.C1.at');
    expect(error.message).toContain('subscriptions.C1.language');
  });

  it('leaves the previous state readable when a write dies midway, and no temporary file behind', async () => {
    const dir = await newDir();
    const file = stateFile(dir);
    await createFileDigestStore(file).update((state) => subscribed(state, 'C1'));
    const before = await readFile(file, 'utf8');
    const crashing = createFileDigestStore(file, {
      tmpfileCreated: async () => {
        throw Object.assign(new Error('simulated crash mid-write'), { code: 'EIO' });
      },
    });

    await expect(crashing.update((state) => subscribed(state, 'C2'))).rejects.toThrow('simulated crash');
    expect(await readFile(file, 'utf8')).toBe(before);
    expect(await createFileDigestStore(file).read()).toEqual(subscribed(EMPTY_STATE, 'C1'));
    expect((await readdir(dir)).sort()).toEqual([WRITTEN_MARKER, 'digest-state.json']);
  });

  it('reports a state file that vanished after it saved one, rather than starting over', async () => {
    const file = stateFile(await newDir());
    await createFileDigestStore(file).update((state) => subscribed(state, 'C1'));
    await rm(file);
    const error = (await createFileDigestStore(file)
      .read()
      .catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(DigestStateError);
    expect(error.message).toContain(`${file} has disappeared`);
    expect(error.message).toContain(`delete ${path.join(path.dirname(file), WRITTEN_MARKER)}`);
  });

  it('keeps fields it does not know when it rewrites the state (a rollback loses nothing)', async () => {
    const file = stateFile(await newDir());
    const newer = {
      ...subscribed(EMPTY_STATE, 'C1'),
      reminders: { U1: { every: 'friday' } },
      channels: { C1: { cycle: 0, seen: ['t1'], mutedUntil: '2027-01-01' } },
    };
    await writeFile(file, JSON.stringify(newer));
    await createFileDigestStore(file).update((state) => subscribed(state, 'C2'));
    const saved = JSON.parse(await readFile(file, 'utf8'));
    expect(saved.reminders).toEqual(newer.reminders);
    expect(saved.channels.C1.mutedUntil).toBe('2027-01-01');
    expect(Object.keys(saved.subscriptions)).toEqual(['C1', 'C2']);
  });

  it('ignores a temporary file a crash left half-written beside the state', async () => {
    const dir = await newDir();
    const file = stateFile(dir);
    const store = createFileDigestStore(file);
    await store.update((state) => subscribed(state, 'C1'));
    await writeFile(`${dir}/.digest-state.json.999.deadbeef.tmp`, '{"version": 1, "subs');
    expect(await store.read()).toEqual(subscribed(EMPTY_STATE, 'C1'));
    await store.update((state) => subscribed(state, 'C2'));
    expect(Object.keys((await store.read()).subscriptions)).toEqual(['C1', 'C2']);
  });
});
