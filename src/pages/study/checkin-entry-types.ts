export interface CheckinEntryProps {
  /** Sign-ins of mine still queued offline. */
  pending: number
}
