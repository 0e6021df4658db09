import { Type } from '@sinclair/typebox'

/** `?managed=1`: only what the viewer organises (secretary: their branch's; park admin: all). */
export const ManagedQuery = {
  managed: Type.Optional(
    Type.Union([Type.Literal('1'), Type.Literal('0')], {
      description: '1:只列出我负责组织的(支部书记:本支部;园区管理员:全部)',
    }),
  ),
}
