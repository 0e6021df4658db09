// A browser test starts a server and Chromium and walks through several pages.
jest.setTimeout(120_000)
