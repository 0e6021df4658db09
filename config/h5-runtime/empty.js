// Stands in for the fetch and AbortController polyfills Taro's H5 request API imports: every
// browser the app supports has both, so a phone need not download and run them.
export {}
