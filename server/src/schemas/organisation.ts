import { Type, type Static } from '@sinclair/typebox'
import { JoinRequestStatus, PoliticalStatus, Role } from './auth'
import { Id, IsoTime, NamedRef, Page, PageQuery, TextField } from './common'
import { LIMITS } from './limits'

/*
 * The park's own organisation: companies, branches, the roster, invites, join requests and the
 * audit log of every change (API.md → "Organisation and joining").
 */

/** 经营状态: operating 在营, closed 已注销/迁出 */
export const CompanyStatus = Type.Union([Type.Literal('operating'), Type.Literal('closed')])
export type CompanyStatus = Static<typeof CompanyStatus>

/** 党组织: own 单独建立党支部, joint 联合党支部, none 未建立 (derived from the branch covering it) */
export const PartyOrg = Type.Union([Type.Literal('own'), Type.Literal('joint'), Type.Literal('none')])
export type PartyOrg = Static<typeof PartyOrg>

export const BranchKind = Type.Union([Type.Literal('own'), Type.Literal('joint')])
export type BranchKind = Static<typeof BranchKind>

/** A mainland mobile number as typed: 11 digits starting with 1. */
export const Phone = Type.String({ pattern: '^1[3-9][0-9]{9}$', examples: ['13812345678'] })

/** A calendar day, `1990-05-01`. */
export const BirthDate = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', examples: ['1990-05-01'] })

export const Company = Type.Object({
  id: Id,
  name: Type.String(),
  industry: Type.String(),
  status: CompanyStatus,
  partyOrg: PartyOrg,
  /** the branch that covers the company (its own or a joint one); null: none */
  branch: Type.Union([NamedRef, Type.Null()]),
  /** 党建工作指导员, a person on the roster */
  instructor: Type.Union([NamedRef, Type.Null()]),
})
export type Company = Static<typeof Company>

export const CompanyPage = Page(Company)
export type CompanyPage = Static<typeof CompanyPage>

export const CompanyListQuery = Type.Object(
  {
    q: Type.Optional(TextField({ maxLength: LIMITS.companyName })),
    status: Type.Optional(CompanyStatus),
    ...PageQuery,
  },
  { additionalProperties: false },
)
export type CompanyListQuery = Static<typeof CompanyListQuery>

export const CompanyCreateBody = Type.Object(
  {
    name: TextField({ minLength: 1, maxLength: LIMITS.companyName }),
    industry: TextField({ minLength: 1, maxLength: LIMITS.industry }),
    status: Type.Optional(CompanyStatus),
    /** the 党建工作指导员 (a roster member); null or absent: none */
    instructorId: Type.Optional(Type.Union([Id, Type.Null()])),
  },
  { additionalProperties: false },
)
export type CompanyCreateBody = Static<typeof CompanyCreateBody>

export const CompanyPatchBody = Type.Partial(CompanyCreateBody, {
  additionalProperties: false,
  minProperties: 1,
})
export type CompanyPatchBody = Static<typeof CompanyPatchBody>

/** A branch as the organisation pages show it. `GET /api/branches` lists these too. */
export const Branch = Type.Object({
  id: Id,
  name: Type.String(),
  kind: BranchKind,
  /** the companies it covers: one for `own`, several for `joint` */
  companies: Type.Array(NamedRef),
  /** the branch's one secretary */
  secretary: Type.Union([NamedRef, Type.Null()]),
  /** active members on the roster */
  memberCount: Type.Integer({ minimum: 0 }),
})
export type Branch = Static<typeof Branch>

export const BranchCreateBody = Type.Object(
  {
    name: TextField({ minLength: 1, maxLength: LIMITS.branchName }),
    kind: BranchKind,
    companyIds: Type.Array(Id, { minItems: 1, maxItems: 100, uniqueItems: true }),
  },
  { additionalProperties: false },
)
export type BranchCreateBody = Static<typeof BranchCreateBody>

export const BranchPatchBody = Type.Object(
  {
    name: Type.Optional(TextField({ minLength: 1, maxLength: LIMITS.branchName })),
    companyIds: Type.Optional(Type.Array(Id, { minItems: 1, maxItems: 100, uniqueItems: true })),
    /** makes that member (of this branch) its one secretary; null: the branch has none */
    secretaryId: Type.Optional(Type.Union([Id, Type.Null()])),
  },
  { additionalProperties: false, minProperties: 1 },
)
export type BranchPatchBody = Static<typeof BranchPatchBody>

/** A person on the park's roster. */
export const Member = Type.Object({
  id: Id,
  name: Type.String(),
  /** masked (`138****5678`) for everyone but park admins and the member's own secretary; null: none */
  phone: Type.Union([Type.String(), Type.Null()]),
  company: Type.Union([NamedRef, Type.Null()]),
  branch: Type.Union([NamedRef, Type.Null()]),
  politicalStatus: PoliticalStatus,
  roles: Type.Array(Role),
  isCeo: Type.Boolean(),
  birthDate: Type.Union([BirthDate, Type.Null()]),
  /** a WeChat account is bound to this roster entry */
  bound: Type.Boolean(),
  /** false: left the park (history stays, cannot sign in) */
  active: Type.Boolean(),
})
export type Member = Static<typeof Member>

export const MemberPage = Page(Member)
export type MemberPage = Static<typeof MemberPage>

export const MemberListQuery = Type.Object(
  {
    branchId: Type.Optional(Id),
    /** name or phone (digits) contains */
    q: Type.Optional(TextField({ maxLength: LIMITS.memberName })),
    politicalStatus: Type.Optional(PoliticalStatus),
    /** `0`: those who left; `1` (default): active ones; `all`: both */
    active: Type.Optional(Type.Union([Type.Literal('1'), Type.Literal('0'), Type.Literal('all')])),
    /** `csv`: the whole filtered roster as a UTF-8 (BOM) CSV in the import's columns */
    format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])),
    ...PageQuery,
  },
  { additionalProperties: false },
)
export type MemberListQuery = Static<typeof MemberListQuery>

export const MemberCreateBody = Type.Object(
  {
    name: TextField({ minLength: 1, maxLength: LIMITS.memberName }),
    phone: Phone,
    companyId: Id,
    /** default: the branch covering the company (a secretary: their own) */
    branchId: Type.Optional(Id),
    politicalStatus: PoliticalStatus,
    isCeo: Type.Optional(Type.Boolean()),
    birthDate: Type.Optional(Type.Union([BirthDate, Type.Null()])),
  },
  { additionalProperties: false },
)
export type MemberCreateBody = Static<typeof MemberCreateBody>

export const MemberPatchBody = Type.Object(
  {
    name: Type.Optional(TextField({ minLength: 1, maxLength: LIMITS.memberName })),
    phone: Type.Optional(Phone),
    companyId: Type.Optional(Id),
    /** 组织关系转接: park admins only */
    branchId: Type.Optional(Type.Union([Id, Type.Null()])),
    politicalStatus: Type.Optional(PoliticalStatus),
    isCeo: Type.Optional(Type.Boolean()),
    birthDate: Type.Optional(Type.Union([BirthDate, Type.Null()])),
    /** park admins only; `member` is implied */
    roles: Type.Optional(Type.Array(Role, { maxItems: 4, uniqueItems: true })),
    /** false: the member left; their sessions end at once */
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
)
export type MemberPatchBody = Static<typeof MemberPatchBody>

export const ImportQuery = Type.Object(
  { dryRun: Type.Optional(Type.Union([Type.Literal('1'), Type.Literal('0')])) },
  { additionalProperties: false },
)
export type ImportQuery = Static<typeof ImportQuery>

/** The header of the roster CSV (import and export). */
export const ROSTER_CSV_HEADER = [
  '姓名',
  '手机号',
  '公司',
  '支部',
  '政治面貌',
  '是否CEO',
  '出生日期',
] as const

export const ImportError = Type.Object({
  /** the line of the file (the header is line 1) */
  line: Type.Integer({ minimum: 1 }),
  message: Type.String(),
})
export type ImportError = Static<typeof ImportError>

export const ImportResult = Type.Object({
  created: Type.Integer({ minimum: 0 }),
  updated: Type.Integer({ minimum: 0 }),
  unchanged: Type.Integer({ minimum: 0 }),
  errors: Type.Array(ImportError),
  /** true: nothing was written (a dry run, or a file with errors) */
  dryRun: Type.Boolean(),
})
export type ImportResult = Static<typeof ImportResult>

export const Invite = Type.Object({
  /** 8 characters, one-time; what the invite QR encodes */
  code: Type.String(),
  expiresAt: IsoTime,
})
export type Invite = Static<typeof Invite>

/** 8 characters of the invite alphabet (case does not matter). */
export const InviteCode = Type.String({ pattern: '^[A-Za-z0-9]{8}$' })

export const BindBody = Type.Union([
  Type.Object({ inviteCode: InviteCode }, { additionalProperties: false }),
  Type.Object({ phoneCode: TextField({ minLength: 1, maxLength: 256 }) }, { additionalProperties: false }),
])
export type BindBody = Static<typeof BindBody>

export const JoinRequestCreateBody = Type.Object(
  {
    branchId: Id,
    companyId: Id,
    name: TextField({ minLength: 1, maxLength: LIMITS.memberName }),
    phone: Phone,
    note: Type.Optional(TextField({ maxLength: LIMITS.joinNote, multiline: true })),
  },
  { additionalProperties: false },
)
export type JoinRequestCreateBody = Static<typeof JoinRequestCreateBody>

export const JoinRequest = Type.Object({
  id: Id,
  status: JoinRequestStatus,
  name: Type.String(),
  /** masked like a roster phone for anyone but park admins, the branch's secretary and the asker */
  phone: Type.String(),
  company: NamedRef,
  branch: NamedRef,
  note: Type.String(),
  /** why it was refused; null unless rejected */
  reason: Type.Union([Type.String(), Type.Null()]),
  createdAt: IsoTime,
  decidedAt: Type.Union([IsoTime, Type.Null()]),
  decidedBy: Type.Union([NamedRef, Type.Null()]),
  /** the roster entry an approval made */
  memberId: Type.Union([Id, Type.Null()]),
})
export type JoinRequest = Static<typeof JoinRequest>

export const JoinRequestPage = Page(JoinRequest)
export type JoinRequestPage = Static<typeof JoinRequestPage>

export const JoinRequestListQuery = Type.Object(
  {
    status: Type.Optional(JoinRequestStatus),
    branchId: Type.Optional(Id),
    ...PageQuery,
  },
  { additionalProperties: false },
)
export type JoinRequestListQuery = Static<typeof JoinRequestListQuery>

export const JoinRejectBody = Type.Object(
  { reason: TextField({ minLength: 1, maxLength: LIMITS.joinReason, multiline: true }) },
  { additionalProperties: false },
)
export type JoinRejectBody = Static<typeof JoinRejectBody>

export const AuditEntity = Type.Union([
  Type.Literal('company'),
  Type.Literal('branch'),
  Type.Literal('member'),
  Type.Literal('invite'),
  Type.Literal('join_request'),
])
export type AuditEntity = Static<typeof AuditEntity>

/** What a change touched, field by field (phones masked). */
export const AuditState = Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()])

export const AuditEntry = Type.Object({
  id: Id,
  /** who made the change; null: the command line (`npm run admin:create`) */
  actor: Type.Union([NamedRef, Type.Null()]),
  /** e.g. `company.create`, `member.update`, `member.import`, `member.bind`, `join_request.approve` */
  action: Type.String(),
  entity: AuditEntity,
  entityId: Id,
  before: AuditState,
  after: AuditState,
  at: IsoTime,
})
export type AuditEntry = Static<typeof AuditEntry>

export const AuditPage = Page(AuditEntry)
export type AuditPage = Static<typeof AuditPage>

export const AuditListQuery = Type.Object(
  {
    entity: Type.Optional(AuditEntity),
    entityId: Type.Optional(Id),
    ...PageQuery,
  },
  { additionalProperties: false },
)
export type AuditListQuery = Static<typeof AuditListQuery>
