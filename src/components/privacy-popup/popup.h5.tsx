/** H5: the browser asks for the camera itself and there is no phone-number button; nothing to answer. */
export function PrivacyPopup() {
  return null
}

export default PrivacyPopup
