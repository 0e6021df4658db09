export { PrivacyPopup } from './popup'
