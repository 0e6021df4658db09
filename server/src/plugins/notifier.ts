import fp from 'fastify-plugin'
import { Notifier, type NotifierOptions } from '../domain/notifications/worker'

declare module 'fastify' {
  interface FastifyInstance {
    /** This process's notification worker: started by the server entry point, stopped on close. */
    notifier: Notifier
  }
}

export default fp<{ options?: NotifierOptions }>(
  async (app, { options = {} }) => {
    const notifier = new Notifier(
      app.db,
      () => app.now(),
      { wechat: app.config.wechat, templates: app.config.wechatTemplates },
      { pollMs: app.config.notifyPollMs, ...options },
      app.log,
    )
    app.decorate('notifier', notifier)
    // Before the database closes: a tick in progress finishes its batch, no new one starts.
    app.addHook('preClose', async () => {
      await notifier.stop()
    })
  },
  { name: 'notifier', dependencies: ['db', 'clock', 'config'] },
)
