module.exports = {
  displayName: 'server',
  rootDir: '../..',
  testEnvironment: 'node',
  roots: ['<rootDir>/test/server'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.[jt]sx?$': 'babel-jest' },
  // light-my-request (Fastify's inject) requires the ESM-only `cookie` package, which Node loads
  // natively but Jest's module runtime cannot: let Babel turn it into CommonJS.
  transformIgnorePatterns: ['/node_modules/(?!cookie/)'],
  setupFilesAfterEnv: ['<rootDir>/test/server/setup.ts'],
}
