// Suites build an app and seed a database (PostgreSQL too): allow more than Jest's default 5 s.
jest.setTimeout(30_000)
