// The built mini-program (dist/weapp-test), run in a stand-in for WeChat's runtime against the real
// server: see test/weapp/README.md.
module.exports = {
  displayName: 'weapp',
  rootDir: '../..',
  testEnvironment: 'node',
  roots: ['<rootDir>/test/weapp'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.[jt]sx?$': 'babel-jest' },
  // the server's ESM-only `cookie` dependency has to pass through Babel under Jest
  transformIgnorePatterns: ['/node_modules/(?!cookie/)'],
  globalSetup: '<rootDir>/test/weapp/global-setup.js',
  setupFilesAfterEnv: ['<rootDir>/test/weapp/setup.ts'],
}
