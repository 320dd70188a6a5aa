import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Builds static-site/dist/lookup.js when missing or stale: the renderer reads it, never bundles
    // it.
    globalSetup: ['test/support/site-assets.setup.ts'],
    // Integration tests start emulators in a child process; give them room on 2 cores.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Function logs (Powertools) stay out of the test output; tests that read them spy on the
    // logger.
    env: {
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
    },
  },
});
