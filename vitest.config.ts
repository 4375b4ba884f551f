import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    setupFiles: ['test/setup.ts'],
    // Some tests start processes or score plain fuse.js on every labelled query: a loaded
    // CI machine needs more than the default 5 s for them. Every test bounds its own waits.
    testTimeout: 30_000,
  },
});
