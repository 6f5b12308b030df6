// The project's test-runner setup, for the store benchmark alone and with time to finish:
//   npx web-test-runner --config packages/worker/test/store/bench.config.mjs
import config from '../../../../web-test-runner.config.mjs';

export default {
  ...config,
  files: ['packages/worker/test/store/events.bench.ts'],
  testsFinishTimeout: 900_000,
  testFramework: { config: { timeout: 900_000 } },
};
