import type { Config } from 'jest';

// Three rings, split by file suffix: fast unit tests, integration tests that boot real
// servers, and browser tests in headless Chromium. `npm test` runs all three.
const transform: Config['transform'] = {
  '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022' } }],
};
const base = { transform, testEnvironment: 'node', roots: ['<rootDir>/server', '<rootDir>/shared', '<rootDir>/widget', '<rootDir>/operator-console', '<rootDir>/scripts'] };

const config: Config = {
  projects: [
    { ...base, displayName: 'unit', testMatch: ['**/test/**/*.test.ts'], testPathIgnorePatterns: ['\\.integration\\.test\\.ts$', '\\.browser\\.test\\.ts$', '/node_modules/'] },
    { ...base, displayName: 'integration', testMatch: ['**/test/**/*.integration.test.ts'] },
    { ...base, displayName: 'browser', testMatch: ['**/test/**/*.browser.test.ts'], globalSetup: '<rootDir>/server/test/support/client-bundles.ts' },
  ],
  testTimeout: 30_000,
};

export default config;
