// Taro builds use babel-preset-taro; Jest (NODE_ENV=test) uses plain presets for Node.
module.exports = (api) => {
  const isTest = api.cache.using(() => process.env.NODE_ENV) === 'test'
  if (isTest) {
    return {
      presets: [
        ['@babel/preset-env', { targets: { node: 'current' } }],
        ['@babel/preset-react', { runtime: 'automatic' }],
        '@babel/preset-typescript',
      ],
    }
  }
  // The H5 app runs in the phone's browser or WeChat's (Chromium-based on Android, WebKit on iOS):
  // classes, spread, destructuring and async functions stay as they are instead of becoming helpers
  // and a regenerator, which made the first script larger and its render slower. The mini-program
  // keeps the project's browserslist.
  const h5 = api.cache.using(() => process.env.TARO_ENV) === 'h5'
  const targets = h5 ? { chrome: '70', ios: '12', safari: '12' } : undefined
  return {
    presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5', useBuiltIns: false, targets }]],
  }
}
