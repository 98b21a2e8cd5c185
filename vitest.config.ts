import { defineConfig } from 'vitest/config';

// One Flink session per test file process: files run one at a time so two mini-clusters never share 2 cores.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    coverage: { provider: 'v8' },
    // Arquero's local-time date functions then agree with Flink's, which compute in UTC.
    env: { TZ: 'UTC' },
  },
});
