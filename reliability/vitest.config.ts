import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('.', import.meta.url).pathname,
    include: ['test/**/*.test.ts'],
    globalSetup: ['src/global-setup.ts'],
    testTimeout: 60_000,
    // Scenarios marked concurrent (the fault matrix) run this many at a time.
    maxConcurrency: 8,
    hookTimeout: 60_000,
  },
});
