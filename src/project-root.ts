import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder that holds package.json, data/ and src/, wherever the bot is started from. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
