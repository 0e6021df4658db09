// A scenario starts a server and walks through several pages of the mini-program.
jest.setTimeout(60_000)
