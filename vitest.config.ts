import {defineConfig} from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // pty end-to-end tests spawn real processes; two cores cannot run many at once
    maxWorkers: 2,
  },
});
