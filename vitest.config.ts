import { defineConfig } from 'vitest/config';

// One runner for every package's unit and integration tests. The `source`
// condition resolves @loopline/shared to its TypeScript sources, so no build
// step sits between an edit and a test run.
const source = { conditions: ['source', 'module', 'browser', 'development|production'] };

export default defineConfig({
  test: {
    projects: [
      { resolve: { conditions: ['source'] }, ssr: { resolve: { conditions: ['source'] } }, test: { name: 'shared', include: ['shared/src/**/*.test.ts'], environment: 'node' } },
      { resolve: { conditions: ['source'] }, ssr: { resolve: { conditions: ['source'] } }, test: { name: 'server', include: ['server/src/**/*.test.ts', 'server/test/**/*.test.ts'], environment: 'node', testTimeout: 60_000, hookTimeout: 60_000 } },
      { resolve: source, test: { name: 'client', include: ['client/src/**/*.test.{ts,tsx}'], environment: 'happy-dom' } },
    ],
  },
});
