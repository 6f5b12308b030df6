// Vitest config for the Spark tests alone (`npm run test:spark`). The root config (vite.config.ts)
// does not include test/spark, so `npm test` never starts a JVM; this one needs Python 3, Java 17
// and pyspark (scripts/spark/install.sh), and has no global setup (no worker build).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('../../', import.meta.url)),
    include: ['test/spark/**/*.test.ts'],
    // A JVM start, a cluster start and a query each take seconds to a minute on a loaded 2-core box.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
