// Stands in for 'jsonp-retry' in Taro's H5 request API: the app never asks for JSONP.
export default function jsonp() {
  return Promise.reject(new Error('JSONP is not supported'))
}
