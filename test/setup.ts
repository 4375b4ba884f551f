import { afterAll } from 'vitest';
import { removeCatalogueDirs } from './fixtures/catalogue.ts';

// Temporary catalogues live as long as the test file that made them.
afterAll(removeCatalogueDirs);
