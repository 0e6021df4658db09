module.exports = {
  displayName: 'e2e',
  rootDir: '../..',
  testEnvironment: 'node',
  roots: ['<rootDir>/test/e2e'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.[jt]sx?$': 'babel-jest' },
  // the server's ESM-only `cookie` dependency has to pass through Babel under Jest
  transformIgnorePatterns: ['/node_modules/(?!cookie/)'],
  setupFilesAfterEnv: ['<rootDir>/test/e2e/setup.ts'],
}
