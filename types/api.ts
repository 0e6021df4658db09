/**
 * The API types shared by client and server. They are derived from the server's TypeBox
 * schemas (the single source); the client imports them with `import type`, so no schema code
 * reaches the bundle.
 */
export type * from '../server/src/schemas'
