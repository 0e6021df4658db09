export { canScanInvite, scanInvite } from './scan-invite.h5'
