import { Type, type Static } from '@sinclair/typebox'
import { NamedRef } from './common'

/** The park's company branches, for organisers choosing whom a notice or event is for. */
export const BranchList = Type.Object({ items: Type.Array(NamedRef), nextCursor: Type.Null() })
export type BranchList = Static<typeof BranchList>
