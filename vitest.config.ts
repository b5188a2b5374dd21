import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 60_000,
    // Hooks that load the demo council (which publishes its packs and printed minutes) on a loaded machine.
    hookTimeout: 300_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
