// H5 has no WeChat privacy agreement to answer; the typechecker and tests use the H5 file.
export { PrivacyPopup, default } from './popup.h5'
