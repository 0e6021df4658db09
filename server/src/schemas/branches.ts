import { Type, type Static } from '@sinclair/typebox'
import { Branch } from './organisation'

/**
 * The park's branches with the companies they cover: for organisers choosing whom a notice or event
 * is for, and for someone asking to join choosing a branch and company.
 */
export const BranchList = Type.Object({ items: Type.Array(Branch), nextCursor: Type.Null() })
export type BranchList = Static<typeof BranchList>
