import { defineConfig } from 'vitest/config';

// `pnpm test:fleet`: worker processes sharing one vendor key, against the
// sandbox and a real Redis (started by the tests themselves). Any package's
// test/fleet/ folder belongs here, and only here (the normal run leaves it
// out). One file at a time: each measures its own run on a 2-core machine.
export default defineConfig({
  test: {
    include: ['packages/*/test/fleet/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
