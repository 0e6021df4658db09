/*
 * How long a writable text may be and how large a number: the route schemas check these, and the
 * phone's forms take them from here, so the two never disagree. Plain values only (no TypeScript
 * syntax): the client bundle takes this file as it is, without compiling it.
 */
export const LIMITS = Object.freeze({
  noticeTitle: 100,
  noticeBody: 20000,
  eventTitle: 100,
  eventDescription: 20000,
  venue: 200,
  capacity: 100000,
  courseTitle: 100,
  courseDescription: 20000,
  lecturer: 100,
  packageName: 100,
  packageDescription: 2000,
  stock: 100000,
  pickupCode: 32,
  attendanceNote: 200,
  cardPayload: 512,
  companyName: 100,
  industry: 50,
  branchName: 50,
  memberName: 50,
  joinNote: 500,
  joinReason: 200,
  importBytes: 2 * 1024 * 1024,
  recurringSessions: 52,
  cancelReason: 200,
  materialTitle: 100,
  materialBody: 50000,
  helpPhotoBytes: 2 * 1024 * 1024,
  helpPhotos: 6,
})
