import { Type, type Static } from '@sinclair/typebox'
import { Id, IsoTime, NamedRef, TextField } from './common'

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

export const JoinRequestStatus = Type.Union([
  Type.Literal('pending'),
  Type.Literal('approved'),
  Type.Literal('rejected'),
])
export type JoinRequestStatus = Static<typeof JoinRequestStatus>

/** My own latest join request, as `/api/me` shows it to someone not on the roster yet. */
export const MyJoinRequest = Type.Object({
  id: Id,
  status: JoinRequestStatus,
  company: NamedRef,
  branch: NamedRef,
  /** why it was refused; null unless rejected */
  reason: Type.Union([Type.String(), Type.Null()]),
  createdAt: IsoTime,
})
export type MyJoinRequest = Static<typeof MyJoinRequest>

export const Me = Type.Object({
  id: Id,
  name: Type.String(),
  roles: Type.Array(Role),
  isCeo: Type.Boolean(),
  branch: Type.Union([NamedRef, Type.Null()]),
  company: Type.Union([NamedRef, Type.Null()]),
  politicalStatus: PoliticalStatus,
  points: Type.Object({ total: Type.Integer() }),
  /**
   * On the park's roster. false: a WeChat user who has not joined yet — the phone shows 完善信息
   * (bind by phone or invite, or ask to join) and only park-wide content.
   */
  onRoster: Type.Boolean(),
  /** my own phone number, unmasked; null: none on record */
  phone: Type.Union([Type.String(), Type.Null()]),
  /** not on the roster: my latest join request (pending, or rejected with its reason); else null */
  joinRequest: Type.Union([MyJoinRequest, Type.Null()]),
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

/** `POST /api/auth/invite`: sign in with a secretary's invite (H5, where there is no WeChat login). */
export const InviteLoginBody = Type.Object(
  { inviteCode: Type.String({ pattern: '^[A-Za-z0-9]{8}$' }) },
  { additionalProperties: false },
)
export type InviteLoginBody = Static<typeof InviteLoginBody>

export const LoginResult = Type.Object({ token: Type.String(), user: Me })
export type LoginResult = Static<typeof LoginResult>
