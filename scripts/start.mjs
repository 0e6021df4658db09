// npm start: build the H5 app if it is missing or stale, then run the server (it migrates and
// seeds an empty database itself) and pass SIGTERM/SIGINT on so it can shut down cleanly.
import { spawn } from 'node:child_process'
import { ensureH5Build } from './lib/h5-build.mjs'

ensureH5Build()

const server = spawn(process.execPath, ['--import', 'tsx', 'server/src/server.ts'], {
  cwd: new URL('..', import.meta.url).pathname,
  stdio: 'inherit',
})
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.kill(signal))
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)))
