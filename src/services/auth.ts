import type { DemoUser, LoginResult, Me } from '../../types/api'
import { request } from './request'

/** Demo accounts to pick from; 404 NOT_FOUND when demo login is switched off. */
export function demoUsers(): Promise<DemoUser[]> {
  return request<DemoUser[]>('/api/auth/demo-users', { auth: false })
}

export function demoLogin(userId: number): Promise<LoginResult> {
  return request<LoginResult>('/api/auth/demo-login', { method: 'POST', data: { userId }, auth: false })
}

/** Exchanges a `Taro.login()` code for a session. */
export function wechatLogin(code: string): Promise<LoginResult> {
  return request<LoginResult>('/api/auth/wechat', { method: 'POST', data: { code }, auth: false })
}

export function me(): Promise<Me> {
  return request<Me>('/api/me')
}

/** H5, where there is no WeChat login: sign in with the invite code a secretary gave. */
export function inviteLogin(inviteCode: string): Promise<LoginResult> {
  return request<LoginResult>('/api/auth/invite', { method: 'POST', data: { inviteCode }, auth: false })
}
