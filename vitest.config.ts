import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts', '**/*.test.tsx'],
    exclude: ['**/node_modules/**', '**/dist/**', '.tools/**', 'test/layering/fixtures/**'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // Wire tests share pcscd, pseudo-terminals and loopback ports; two cores are all a machine has.
    maxWorkers: 2,
  },
});
