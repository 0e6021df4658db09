// One Jest run, four projects; each folder of test/ owns its own config.
module.exports = {
  projects: ['<rootDir>/test/client', '<rootDir>/test/server', '<rootDir>/test/e2e', '<rootDir>/test/weapp'],
}
