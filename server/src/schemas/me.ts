import { Type, type Static } from '@sinclair/typebox'
import { HealthPackage } from './health-packages'

/** Everything the 我的 tab shows besides the profile, in one answer. */
export const MeSummary = Type.Object({
  /** the ledger's sum, and today's (park time) */
  points: Type.Object({ total: Type.Integer(), today: Type.Integer() }),
  /** my signups to events still to come */
  signups: Type.Object({ confirmed: Type.Integer({ minimum: 0 }), waitlisted: Type.Integer({ minimum: 0 }) }),
  courses: Type.Object({ enrolled: Type.Integer({ minimum: 0 }) }),
  /** the batch 我的 shows: one I claimed and have not picked up, else the open one, the next, the latest */
  healthPackage: Type.Union([HealthPackage, Type.Null()]),
  /** the title of my card, as GET /api/me/card gives it (数字党员名片 or 园区名片); null: not on the roster */
  card: Type.Union([
    Type.Object({ title: Type.Union([Type.Literal('数字党员名片'), Type.Literal('园区名片')]) }),
    Type.Null(),
  ]),
  tools: Type.Object({
    /** whose organiser tools I hold: the park's (park admins) or my branch's (secretaries); null: none */
    scope: Type.Union([Type.Literal('park'), Type.Literal('branch'), Type.Null()]),
    /** 核销取件码 and the batches of health packages (park admins) */
    healthPackages: Type.Boolean(),
  }),
})
export type MeSummary = Static<typeof MeSummary>
