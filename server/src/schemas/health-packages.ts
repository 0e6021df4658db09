import { Type, type Static } from '@sinclair/typebox'
import { Id, IsoTime, NamedRef, TextField } from './common'
import { LIMITS } from './limits'

export const ClaimStatus = Type.Union([Type.Literal('claimed'), Type.Literal('redeemed')])
export type ClaimStatus = Static<typeof ClaimStatus>

/** not_started / open / sold_out / ended: where the batch stands, by the server's clock and stock */
export const PackageStatus = Type.Union([
  Type.Literal('not_started'),
  Type.Literal('open'),
  Type.Literal('sold_out'),
  Type.Literal('ended'),
])
export type PackageStatus = Static<typeof PackageStatus>

export const HealthPackage = Type.Object({
  id: Id,
  name: Type.String(),
  description: Type.String(),
  stock: Type.Integer({ minimum: 0 }),
  remaining: Type.Integer({ minimum: 0 }),
  claimStart: IsoTime,
  claimEnd: IsoTime,
  status: PackageStatus,
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
    name: TextField({ minLength: 1, maxLength: LIMITS.packageName }),
    description: TextField({ multiline: true, maxLength: LIMITS.packageDescription }),
    stock: Type.Integer({ minimum: 1, maximum: LIMITS.stock }),
    claimStart: IsoTime,
    claimEnd: IsoTime,
  },
  { additionalProperties: false },
)
export type HealthPackageCreate = Static<typeof HealthPackageCreate>

export const ClaimResult = Type.Object({ code: Type.String(), status: Type.Literal('claimed') })
export type ClaimResult = Static<typeof ClaimResult>

export const RedeemBody = Type.Object(
  { code: TextField({ minLength: 4, maxLength: LIMITS.pickupCode }) },
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
