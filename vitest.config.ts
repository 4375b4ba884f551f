import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    setupFiles: ['test/setup.ts'],
    // Some tests start processes or score plain fuse.js on every labelled query: a loaded
    // CI machine needs more than the default 5 s for them. Every test bounds its own waits.
    testTimeout: 30_000,
    // Vitest's default on 2 cores is one worker; most tests wait on sockets and child
    // processes, so two share the cores well and keep the suite under a minute.
    maxWorkers: 2,
  },
});
