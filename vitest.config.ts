import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // The machine has two cores; more workers only add contention for onnxruntime and sharp.
    maxWorkers: 2,
    // The JSON report lets .ci/run print a plain "N passed, N failed" line at the end.
    reporters: ['default', ['json', { outputFile: '.cache/vitest-report.json' }]],
  },
});
