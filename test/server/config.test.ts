import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { loadConfig } from '../../server/src/config'

describe('loadConfig', () => {
  let dataDir: string
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'red-e-park-config-'))
  })
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }))

  it('has working defaults for development', () => {
    const config = loadConfig({ DATA_DIR: dataDir })
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      dataDir,
      databaseUrl: undefined,
      demoLogin: true,
      wechat: { appid: undefined, secret: undefined, apiBase: 'https://api.weixin.qq.com' },
    })
    expect(config.staticDir.endsWith(path.join('dist', 'h5'))).toBe(true)
  })

  it('generates a JWT secret once and keeps it in the data folder', () => {
    const first = loadConfig({ DATA_DIR: dataDir }).jwtSecret
    expect(first.length).toBeGreaterThanOrEqual(32)
    expect(existsSync(path.join(dataDir, 'jwt-secret'))).toBe(true)
    expect(readFileSync(path.join(dataDir, 'jwt-secret'), 'utf8')).toBe(first)
    expect(loadConfig({ DATA_DIR: dataDir }).jwtSecret).toBe(first)
  })

  it('requires JWT_SECRET in production and turns demo login off there', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATA_DIR: dataDir })).toThrow(/JWT_SECRET/)
    const config = loadConfig({ NODE_ENV: 'production', DATA_DIR: dataDir, JWT_SECRET: 'x'.repeat(40) })
    expect(config.demoLogin).toBe(false)
  })

  it('refuses to start in production with a short JWT_SECRET or with demo login', () => {
    const production = { NODE_ENV: 'production', DATA_DIR: dataDir }
    // 31 bytes, and 11 Chinese characters (33 bytes in UTF-8, but fewer than 32 characters is fine).
    expect(() => loadConfig({ ...production, JWT_SECRET: 'x'.repeat(31) })).toThrow(
      'JWT_SECRET must be at least 32 bytes in production (got 31): use a long random string',
    )
    expect(loadConfig({ ...production, JWT_SECRET: '红'.repeat(11) }).jwtSecret).toBe('红'.repeat(11))
    expect(() => loadConfig({ ...production, JWT_SECRET: 'x'.repeat(40), DEMO_LOGIN: '1' })).toThrow(
      'DEMO_LOGIN=1 is not allowed in production: anyone could sign in as any demo account',
    )
    // Outside production a short secret and demo login stay allowed.
    expect(loadConfig({ DATA_DIR: dataDir, JWT_SECRET: 'short', DEMO_LOGIN: '1' }).demoLogin).toBe(true)
  })

  it('seeds demo data outside production unless SEED_DEMO=0, and never in production', () => {
    expect(loadConfig({ DATA_DIR: dataDir }).seedDemo).toBe(true)
    expect(loadConfig({ DATA_DIR: dataDir, SEED_DEMO: '0' }).seedDemo).toBe(false)
    const production = { NODE_ENV: 'production', DATA_DIR: dataDir, JWT_SECRET: 'x'.repeat(40) }
    expect(loadConfig(production).seedDemo).toBe(false)
    expect(() => loadConfig({ ...production, SEED_DEMO: '1' })).toThrow(
      /SEED_DEMO=1 is not allowed in production/,
    )
  })

  it('reads the environment and rejects nonsense', () => {
    const config = loadConfig({
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '0.0.0.0',
      DEMO_LOGIN: '0',
      DATABASE_URL: 'postgres://u@h/db',
      WECHAT_APPID: 'wx1',
      WECHAT_SECRET: 's',
      WECHAT_API_BASE: 'http://127.0.0.1:9/',
    })
    expect(config).toMatchObject({
      port: 0,
      host: '0.0.0.0',
      demoLogin: false,
      databaseUrl: 'postgres://u@h/db',
      wechat: { appid: 'wx1', secret: 's', apiBase: 'http://127.0.0.1:9' },
    })
    expect(() => loadConfig({ DATA_DIR: dataDir, PORT: 'abc' })).toThrow(/PORT/)
    expect(() => loadConfig({ DATA_DIR: dataDir, DEMO_LOGIN: 'maybe' })).toThrow(/DEMO_LOGIN/)
  })
})
