import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import fp from 'fastify-plugin'
import { ErrorBody } from '../schemas'
import { version } from '../../../package.json'

/**
 * The OpenAPI document is generated from the route schemas: `/api/openapi.json`, browsable at
 * `/api/docs`. Registered before the routes so it sees all of them.
 */
export default fp(
  async (app) => {
    app.addSchema(ErrorBody)
    await app.register(swagger, {
      openapi: {
        openapi: '3.0.3',
        info: {
          title: '红e园区 API',
          description:
            '湖里创新园互联网行业联合党委 · 党员小程序后端。错误统一为 `{ error: { code, message } }`。',
          version,
        },
        components: {
          securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
        },
        tags: [
          { name: 'health', description: '运行状态' },
          { name: 'auth', description: '登录与身份' },
          { name: 'announcements', description: '通知公告' },
          { name: 'branches', description: '园区企业党支部' },
          { name: 'events', description: '活动与报名' },
          { name: 'health-packages', description: '党员CEO健康大礼包' },
          { name: 'courses', description: '学习培训课程与学习资料' },
          { name: 'checkins', description: '培训签到与出勤' },
          { name: 'notifications', description: '我的消息' },
          { name: 'points', description: '学习积分与支部统计(仅汇总,无个人排名)' },
          { name: 'cards', description: '数字党员名片' },
        ],
      },
      // Shared schemas keep their $id as the component name (e.g. ErrorBody).
      refResolver: {
        buildLocalReference: (json, _baseUri, _fragment, index) =>
          typeof json.$id === 'string' ? json.$id : `def-${index}`,
      },
    })
    await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { validatorUrl: null } })
    app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger())
  },
  { name: 'openapi' },
)
