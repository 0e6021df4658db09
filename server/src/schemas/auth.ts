import { Type, type Static } from '@sinclair/typebox'
import { Id, NamedRef, TextField } from './common'

export const Role = Type.Union([
  Type.Literal('member'),
  Type.Literal('secretary'),
  Type.Literal('park_admin'),
  /** a 红e帮帮团 member who answers help requests */
  Type.Literal('helper'),
])
export type Role = Static<typeof Role>

/** 政治面貌 */
export const PoliticalStatus = Type.Union([
  Type.Literal('party_member'), // 中共党员
  Type.Literal('probationary'), // 中共预备党员
  Type.Literal('candidate'), // 发展对象
  Type.Literal('activist'), // 入党积极分子
  Type.Literal('applicant'), // 入党申请人
  Type.Literal('masses'), // 群众
])
export type PoliticalStatus = Static<typeof PoliticalStatus>

export const Me = Type.Object({
  id: Id,
  name: Type.String(),
  roles: Type.Array(Role),
  isCeo: Type.Boolean(),
  branch: Type.Union([NamedRef, Type.Null()]),
  company: Type.Union([NamedRef, Type.Null()]),
  politicalStatus: PoliticalStatus,
  points: Type.Object({ total: Type.Integer() }),
})
export type Me = Static<typeof Me>

export const DemoUser = Type.Object({
  id: Id,
  name: Type.String(),
  roles: Type.Array(Role),
  isCeo: Type.Boolean(),
  branchName: Type.Union([Type.String(), Type.Null()]),
})
export type DemoUser = Static<typeof DemoUser>

export const DemoLoginBody = Type.Object({ userId: Id }, { additionalProperties: false })
export type DemoLoginBody = Static<typeof DemoLoginBody>

export const WechatLoginBody = Type.Object(
  { code: TextField({ minLength: 1, maxLength: 128 }) },
  { additionalProperties: false },
)
export type WechatLoginBody = Static<typeof WechatLoginBody>

export const LoginResult = Type.Object({ token: Type.String(), user: Me })
export type LoginResult = Static<typeof LoginResult>
