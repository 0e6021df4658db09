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
  return {
    presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5', useBuiltIns: false }]],
  }
}
