/** Who may see and do what: one Viewer, one set of rules, their SQL, and the acting-branch resolver. */
export { branchToActFor, type Action } from './acting-branch'
export { canManage, canView, checkNotSelf, isAddressedTo, isOrganiser, type Scoped } from './rules'
export { viewerOf, type Viewer } from './viewer'
export { addressedTo, managedBy, visibleTo } from './visibility'
