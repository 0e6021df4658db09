import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { createApplication } from '../../domain/applications/create'
import { pipelineCsv } from '../../domain/applications/pipeline-csv'
import { extendProbation, recordStep, withdrawApplication } from '../../domain/applications/record'
import {
  getApplication,
  getMyApplication,
  listApplications,
  listEligibleMembers,
  listPartyMembersFor,
  overview,
} from '../../domain/applications/repository'
import { attachment } from '../../domain/csv'
import { parkDay } from '../../domain/park-time'
import { currentViewer } from '../../plugins/auth'
import {
  Application,
  ApplicationCreateBody,
  ApplicationList,
  ApplicationListQuery,
  ApplicationOverview,
  ExtendBody,
  NamedRefList,
  IdParams,
  StepBody,
  WithdrawBody,
} from '../../schemas'
import { bearerAuth, errorResponses } from '../../schemas/http'

const applications: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['applications'],
        summary: '递交入党申请(本人),或支部书记录入纸质入党申请(memberId + appliedAt)',
        description: '年满 18 岁、尚未入党的花名册成员;每人只有一份进行中的申请。',
        security: bearerAuth,
        body: ApplicationCreateBody,
        response: { 201: Application, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const viewer = currentViewer(request)
      const now = app.now()
      const id = await app.db
        .transaction()
        .execute((trx) => createApplication(trx, viewer, request.body, now))
      return reply.status(201).send(await getApplication(app.db, viewer, id, now))
    },
  )

  app.get(
    '/mine',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['applications'],
        summary: '我的入党申请:五个阶段、已完成的步骤、下一步及最早/截止日期、培养联系人、学习材料',
        security: bearerAuth,
        response: { 200: Application, ...errorResponses(401, 404) },
      },
    },
    async (request) => getMyApplication(app.db, currentViewer(request), app.now()),
  )

  app.get(
    '/overview',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['applications'],
        summary: '发展党员概况:按支部和阶段统计,逾期与待上级党委办理的数量',
        security: bearerAuth,
        response: { 200: ApplicationOverview, ...errorResponses(401, 403) },
      },
    },
    async (request) => overview(app.db, currentViewer(request), app.now()),
  )

  app.get(
    '',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['applications'],
        summary: '发展党员名单(支部书记:本支部;园区管理员:全部),逾期在前;?format=csv 导出',
        security: bearerAuth,
        querystring: ApplicationListQuery,
        response: {
          200: {
            description: '发展党员名单',
            content: {
              'application/json': { schema: ApplicationList },
              'text/csv': { schema: Type.String({ description: 'UTF-8(带 BOM)CSV' }) },
            },
          },
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      const now = app.now()
      const items = await listApplications(app.db, currentViewer(request), request.query, now)
      if (request.query.format !== 'csv') return reply.send({ items, nextCursor: null })
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', attachment(`发展党员名单-${parkDay(now)}.csv`, 'applications.csv'))
        .send(pipelineCsv(items))
    },
  )

  app.get(
    '/eligible-members',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['applications'],
        summary: '本支部可录入纸质入党申请的成员(支部书记):非党员、没有进行中的申请',
        security: bearerAuth,
        response: { 200: NamedRefList, ...errorResponses(401, 403) },
      },
    },
    async (request) => ({
      items: await listEligibleMembers(app.db, currentViewer(request)),
      nextCursor: null,
    }),
  )

  app.get(
    '/:id/party-members',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['applications'],
        summary: '可指定为培养联系人、入党介绍人的人:申请人所在支部的正式党员',
        security: bearerAuth,
        params: IdParams,
        response: { 200: NamedRefList, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => ({
      items: await listPartyMembersFor(app.db, currentViewer(request), request.params.id),
      nextCursor: null,
    }),
  )

  app.get(
    '/:id',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['applications'],
        summary: '入党申请详情:每一步及记录人(申请人本人、所在支部书记、园区管理员)',
        security: bearerAuth,
        params: IdParams,
        response: { 200: Application, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => getApplication(app.db, currentViewer(request), request.params.id, app.now()),
  )

  app.post(
    '/:id/steps',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['applications'],
        summary: '记录下一步(支部步骤:支部书记;上级党委步骤:园区管理员);带 correctsStepId 为更正',
        security: bearerAuth,
        params: IdParams,
        body: StepBody,
        response: { 201: Application, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const viewer = currentViewer(request)
      const now = app.now()
      const { id } = request.params
      await app.db.transaction().execute((trx) => recordStep(trx, viewer, id, request.body, now))
      return reply.status(201).send(await getApplication(app.db, viewer, id, now))
    },
  )

  app.post(
    '/:id/extension',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['applications'],
        summary: '延长预备期(支部书记):只能一次,最长一年,须写明原因',
        security: bearerAuth,
        params: IdParams,
        body: ExtendBody,
        response: { 201: Application, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const viewer = currentViewer(request)
      const now = app.now()
      const { id } = request.params
      await app.db.transaction().execute((trx) => extendProbation(trx, viewer, id, request.body, now))
      return reply.status(201).send(await getApplication(app.db, viewer, id, now))
    },
  )

  app.post(
    '/:id/withdraw',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['applications'],
        summary: '撤回入党申请(申请人本人或支部书记);政治面貌恢复为群众',
        security: bearerAuth,
        params: IdParams,
        body: WithdrawBody,
        response: { 201: Application, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const viewer = currentViewer(request)
      const now = app.now()
      const { id } = request.params
      await app.db.transaction().execute((trx) => withdrawApplication(trx, viewer, id, request.body, now))
      return reply.status(201).send(await getApplication(app.db, viewer, id, now))
    },
  )
}

export default applications
