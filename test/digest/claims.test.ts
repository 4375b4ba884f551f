import { createFileDigestStore } from '../../src/digest/file-store.ts';
import { claimContract } from './claims.ts';
import { stateFile, tempDirs } from './helpers.ts';

const newDir = tempDirs();

claimContract('the file store', async (count) => {
  const file = stateFile(await newDir());
  return Array.from({ length: count }, () => createFileDigestStore(file));
});
