import { Type, type Static } from '@sinclair/typebox'
import { Id, IsoTime, NamedRef, TextField } from './common'

export const ClaimStatus = Type.Union([Type.Literal('claimed'), Type.Literal('redeemed')])
export type ClaimStatus = Static<typeof ClaimStatus>

export const HealthPackage = Type.Object({
  id: Id,
  name: Type.String(),
  description: Type.String(),
  stock: Type.Integer({ minimum: 0 }),
  remaining: Type.Integer({ minimum: 0 }),
  claimStart: IsoTime,
  claimEnd: IsoTime,
  eligible: Type.Boolean(),
  /** why the member is not eligible (null when eligible) */
  ineligibleReason: Type.Union([Type.String(), Type.Null()]),
  myClaim: Type.Union([Type.Object({ code: Type.String(), status: ClaimStatus }), Type.Null()]),
})
export type HealthPackage = Static<typeof HealthPackage>

export const HealthPackageList = Type.Object({ items: Type.Array(HealthPackage), nextCursor: Type.Null() })
export type HealthPackageList = Static<typeof HealthPackageList>

export const HealthPackageCreate = Type.Object(
  {
    name: TextField({ minLength: 1, maxLength: 100 }),
    description: TextField({ multiline: true, maxLength: 2000 }),
    stock: Type.Integer({ minimum: 1, maximum: 100000 }),
    claimStart: IsoTime,
    claimEnd: IsoTime,
  },
  { additionalProperties: false },
)
export type HealthPackageCreate = Static<typeof HealthPackageCreate>

export const ClaimResult = Type.Object({ code: Type.String(), status: Type.Literal('claimed') })
export type ClaimResult = Static<typeof ClaimResult>

export const RedeemBody = Type.Object(
  { code: TextField({ minLength: 4, maxLength: 32 }) },
  { additionalProperties: false },
)
export type RedeemBody = Static<typeof RedeemBody>

export const RedeemResult = Type.Object({
  code: Type.String(),
  status: Type.Literal('redeemed'),
  member: NamedRef,
})
export type RedeemResult = Static<typeof RedeemResult>

export const PackageClaim = Type.Object({
  code: Type.String(),
  status: ClaimStatus,
  member: Type.Object({ id: Id, name: Type.String(), company: Type.Union([NamedRef, Type.Null()]) }),
  claimedAt: IsoTime,
  redeemedAt: Type.Union([IsoTime, Type.Null()]),
})
export type PackageClaim = Static<typeof PackageClaim>
export const PackageClaimList = Type.Object({ items: Type.Array(PackageClaim), nextCursor: Type.Null() })
export type PackageClaimList = Static<typeof PackageClaimList>
