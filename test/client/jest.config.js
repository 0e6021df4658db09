// Client unit tests: Taro's H5 runtime and components under jsdom.
// Taro ships ES modules, so those packages go through babel-jest too.
const esmPackages = [
  '@tarojs',
  '@stencil',
  'swiper',
  'ssr-window',
  'dom7',
  'query-string',
  'decode-uri-component',
  'split-on-first',
  'filter-obj',
  'lodash-es',
  'tslib',
  'whatwg-fetch',
  'abortcontroller-polyfill',
  'jsonp-retry',
  'mobile-detect',
  'history',
  'dayjs',
  'classnames',
  'resolve-pathname',
  'intersection-observer',
  'nanoid',
]

module.exports = {
  displayName: 'client',
  rootDir: '../..',
  testEnvironment: 'jsdom',
  // Component tests sit beside their components; page and service tests mirror src/ here.
  roots: ['<rootDir>/test/client', '<rootDir>/src'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  setupFilesAfterEnv: ['<rootDir>/test/client/setup.ts'],
  transform: { '^.+\\.[jt]sx?$': 'babel-jest', '^.+\\.mjs$': 'babel-jest' },
  // Skip node_modules, except these packages and whatever they bundle inside themselves.
  transformIgnorePatterns: [`^(?!.*/node_modules/(?:${esmPackages.join('|')})/).*/node_modules/`],
  moduleNameMapper: {
    '^@tarojs/taro$': '<rootDir>/test/client/taro-shim.ts',
    '^@tarojs/components$': '@tarojs/components/lib/react',
    '\\.(s?css|less)$': '<rootDir>/test/client/style-stub.js',
    '\\.(png|jpe?g|gif|svg)$': '<rootDir>/test/client/file-stub.js',
    '^@/(.*)$': '<rootDir>/src/$1',
  },
  // Compile-time switches the Taro build defines; the runtime reads them as globals.
  globals: {
    ENABLE_INNER_HTML: true,
    ENABLE_ADJACENT_HTML: true,
    ENABLE_SIZE_APIS: false,
    ENABLE_TEMPLATE_CONTENT: true,
    ENABLE_CLONE_NODE: true,
    ENABLE_CONTAINS: true,
    ENABLE_MUTATION_OBSERVER: false,
    SUPPORT_TARO_POLYFILL: 'disabled',
    DEPRECATED_ADAPTER_COMPONENT: false,
  },
  testEnvironmentOptions: { url: 'http://localhost/' },
}
