import { parse } from 'csv-parse/sync'
import type { Transaction } from 'kysely'
import type { Database } from '../../db/types'
import { AppError } from '../../errors'
import { ROSTER_CSV_HEADER, type ImportError, type ImportResult, type PoliticalStatus } from '../../schemas'
import type { Viewer } from '../access'
import { membersWithOpenApplication, STATUS_FOLLOWS_APPLICATION_MESSAGE } from '../applications/status'
import { toCsv } from '../csv'
import { parkDay } from '../park-time'
import { parseRoles } from '../users/mapper'
import { recordChanges, changedFields, type Change } from './audit'
import type { RosterRow } from './mapper'
import { memberState } from './members'
import { branchesByName, companiesByName } from './repository'
import {
  normalisePhone,
  parseBirthDate,
  parsePoliticalStatus,
  parseYesNo,
  POLITICAL_STATUS_NAMES,
  rosterRoles,
} from './rules'

/*
 * The roster as a CSV file (`姓名,手机号,公司,支部,政治面貌,是否CEO,出生日期`), as Excel and WPS save
 * it: UTF-8 with or without a BOM. The phone number is the key: a known number updates that
 * entry, a new one adds a person. Every line is checked first; any error writes nothing, and a
 * file imported twice changes nothing the second time.
 */

/** Lines of one file, header included. */
export const MAX_IMPORT_LINES = 5001
const MAX_CELL = 100

/** The text of an uploaded file: UTF-8, with or without a BOM; anything else is refused. */
export function decodeCsv(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch {
    throw new AppError(
      422,
      'CSV_NOT_UTF8',
      '文件不是 UTF-8 编码:请在 Excel 中“另存为 → CSV UTF-8(逗号分隔)”,或在 WPS 中选择 UTF-8 编码后再导入',
    )
  }
}

interface Line {
  line: number
  cells: string[]
}

/** The CSV's records with their line numbers; a malformed file is one 422 with the line it broke on. */
function readLines(text: string): Line[] {
  let records: Array<{ record: string[]; info: { lines: number } }>
  try {
    records = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      max_record_size: 10_000,
      to_line: MAX_IMPORT_LINES + 1,
    }) as Array<{ record: string[]; info: { lines: number } }>
  } catch (error) {
    // csv-parse's own errors (its CsvError class differs between its entry points): a code and the line.
    const { code, lines } = error as { code?: unknown; lines?: unknown }
    if (typeof code === 'string' && /^(CSV_|INVALID_)/.test(code)) {
      const line = typeof lines === 'number' ? `第 ${lines} 行` : ''
      throw new AppError(
        422,
        'CSV_MALFORMED',
        `CSV 文件格式有误${line ? `(${line})` : ''}:请检查引号是否成对`,
      )
    }
    throw error
  }
  return records.map(({ record, info }) => ({ line: info.lines, cells: record }))
}

interface Wanted {
  line: number
  name: string
  phone: string
  companyId: number
  branchId: number | null
  politicalStatus: PoliticalStatus
  isCeo: boolean
  birthDate: string | null
}

/** One line checked: what it asks for, or its errors in Chinese. */
function checkLine(
  { line, cells }: Line,
  context: {
    viewer: Viewer
    today: string
    companies: Map<string, { id: number; branchId: number | null }>
    branches: Map<string, number>
  },
): Wanted | string[] {
  const problems: string[] = []
  if (cells.length !== ROSTER_CSV_HEADER.length) {
    return [`应有 ${ROSTER_CSV_HEADER.length} 列,实际 ${cells.length} 列`]
  }
  const [
    name = '',
    phoneText = '',
    companyName = '',
    branchName = '',
    statusText = '',
    ceoText = '',
    birthText = '',
  ] = cells
  if (cells.some((cell) => cell.length > MAX_CELL)) problems.push(`单元格不能超过 ${MAX_CELL} 个字`)
  // eslint-disable-next-line no-control-regex
  if (cells.some((cell) => /[\u0000-\u001f\u007f-\u009f]/.test(cell))) problems.push('包含不可见的控制字符')
  if (name === '') problems.push('姓名不能为空')
  const phone = normalisePhone(phoneText)
  if (phone === null)
    problems.push(phoneText === '' ? '手机号不能为空' : `手机号“${phoneText}”不是 11 位手机号`)
  const company = context.companies.get(companyName)
  if (companyName === '') problems.push('公司不能为空')
  else if (!company) problems.push(`公司“${companyName}”不存在,请先在组织管理中添加企业`)
  let branchId: number | null = company?.branchId ?? null
  if (branchName !== '') {
    const found = context.branches.get(branchName)
    if (found === undefined) problems.push(`支部“${branchName}”不存在`)
    else branchId = found
  } else if (company && branchId === null) {
    problems.push(`公司“${companyName}”尚未建立党组织,请填写支部`)
  }
  const { viewer } = context
  if (
    !viewer.parkAdmin &&
    company &&
    (branchId !== viewer.branchId || company.branchId !== viewer.branchId)
  ) {
    problems.push('只能导入本支部的成员')
  }
  const politicalStatus = parsePoliticalStatus(statusText)
  if (politicalStatus === null) {
    problems.push(
      statusText === ''
        ? '政治面貌不能为空'
        : `政治面貌“${statusText}”无法识别(可填:${Object.values(POLITICAL_STATUS_NAMES).join('、')})`,
    )
  }
  const isCeo = parseYesNo(ceoText)
  if (isCeo === null) problems.push(`是否CEO“${ceoText}”应填“是”或“否”`)
  const birthDate = parseBirthDate(birthText, context.today)
  if (birthDate === undefined) problems.push(`出生日期“${birthText}”无效,格式如 1990-05-01`)
  if (problems.length > 0 || phone === null || !company || politicalStatus === null || isCeo === null) {
    return problems
  }
  return {
    line,
    name,
    phone,
    companyId: company.id,
    branchId,
    politicalStatus,
    isCeo,
    birthDate: birthDate ?? null,
  }
}

type Existing = Pick<
  RosterRow,
  | 'id'
  | 'name'
  | 'phone'
  | 'company_id'
  | 'branch_id'
  | 'political_status'
  | 'is_ceo'
  | 'birth_date'
  | 'roles'
  | 'active'
>

/**
 * Imports the roster file: checks every line, then (unless `dryRun` or any line failed) adds and
 * updates the people in the caller's transaction, with one audit entry per person changed.
 */
export async function importRoster(
  trx: Transaction<Database>,
  viewer: Viewer,
  text: string,
  options: { dryRun: boolean },
  now: Date,
): Promise<ImportResult> {
  const lines = readLines(text)
  const [header, ...rows] = lines
  const errors: ImportError[] = []
  const result = (created: number, updated: number, unchanged: number, wrote: boolean): ImportResult => ({
    created,
    updated,
    unchanged,
    errors,
    dryRun: !wrote,
  })
  const headerText = ROSTER_CSV_HEADER.join(',')
  if (!header || header.cells.join(',') !== headerText) {
    errors.push({ line: header?.line ?? 1, message: `表头应为“${headerText}”` })
    return result(0, 0, 0, false)
  }
  if (rows.length === 0) {
    errors.push({ line: 2, message: '文件中没有成员' })
    return result(0, 0, 0, false)
  }
  if (rows.length >= MAX_IMPORT_LINES) {
    errors.push({ line: MAX_IMPORT_LINES, message: `一次最多导入 ${MAX_IMPORT_LINES - 1} 人,请分批导入` })
    return result(0, 0, 0, false)
  }

  const [companies, branches] = await Promise.all([companiesByName(trx), branchesByName(trx)])
  const context = { viewer, today: parkDay(now), companies, branches }
  const wanted: Wanted[] = []
  const seenPhones = new Map<string, number>()
  for (const row of rows) {
    const checked = checkLine(row, context)
    if (Array.isArray(checked)) {
      errors.push({ line: row.line, message: checked.join(';') })
      continue
    }
    const first = seenPhones.get(checked.phone)
    if (first !== undefined) {
      errors.push({ line: row.line, message: `手机号与第 ${first} 行重复` })
      continue
    }
    seenPhones.set(checked.phone, row.line)
    wanted.push(checked)
  }

  // Everyone already holding one of the file's numbers.
  const existing = new Map<string, Existing>()
  const phones = [...seenPhones.keys()]
  for (let i = 0; i < phones.length; i += 500) {
    const found = await trx
      .selectFrom('users')
      .select([
        'id',
        'name',
        'phone',
        'company_id',
        'branch_id',
        'political_status',
        'is_ceo',
        'birth_date',
        'roles',
        'active',
      ])
      .where('phone', 'in', phones.slice(i, i + 500))
      .execute()
    for (const person of found) if (person.phone !== null) existing.set(person.phone, person)
  }

  const inserts: Wanted[] = []
  const updates: Array<{ want: Wanted; before: Existing; roles: string }> = []
  let unchanged = 0
  const applying = await membersWithOpenApplication(
    trx,
    [...existing.values()].map((person) => person.id),
  )
  for (const want of wanted) {
    const before = existing.get(want.phone)
    if (!before) {
      inserts.push(want)
      continue
    }
    if (before.roles === '') {
      errors.push({ line: want.line, message: '该手机号属于一位尚未加入的微信用户,请处理其入支部申请' })
      continue
    }
    if (before.active !== 1) {
      errors.push({ line: want.line, message: '该手机号的成员已离开园区,请先在花名册中恢复' })
      continue
    }
    if (!viewer.parkAdmin && before.branch_id !== viewer.branchId) {
      errors.push({ line: want.line, message: '该手机号已登记在其他支部' })
      continue
    }
    if (applying.has(before.id) && before.political_status !== want.politicalStatus) {
      errors.push({ line: want.line, message: STATUS_FOLLOWS_APPLICATION_MESSAGE })
      continue
    }
    const moved = before.branch_id !== want.branchId
    const roles = moved
      ? rosterRoles(parseRoles(before.roles).filter((role) => role !== 'secretary')).join(',')
      : before.roles
    const same =
      before.name === want.name &&
      before.company_id === want.companyId &&
      !moved &&
      before.political_status === want.politicalStatus &&
      (before.is_ceo === 1) === want.isCeo &&
      before.birth_date === want.birthDate
    if (same) unchanged += 1
    else updates.push({ want, before, roles })
  }

  if (errors.length > 0 || options.dryRun) {
    errors.sort((a, b) => a.line - b.line)
    return result(inserts.length, updates.length, unchanged, false)
  }

  const fieldsOf = (want: Wanted) => ({
    name: want.name,
    phone: want.phone,
    company_id: want.companyId,
    branch_id: want.branchId,
    political_status: want.politicalStatus,
    is_ceo: want.isCeo ? 1 : 0,
    birth_date: want.birthDate,
  })
  const changes: Change[] = []
  for (let i = 0; i < inserts.length; i += 100) {
    const chunk = inserts.slice(i, i + 100)
    const ids = await trx
      .insertInto('users')
      .values(
        chunk.map((want) => ({
          ...fieldsOf(want),
          roles: 'member',
          active: 1,
          wechat_openid: null,
          created_at: now.toISOString(),
        })),
      )
      .returning(['id', 'phone'])
      .execute()
    const idOf = new Map(ids.map((row) => [row.phone, row.id]))
    for (const want of chunk) {
      changes.push({
        actorId: viewer.id,
        action: 'member.import',
        entity: 'member',
        entityId: idOf.get(want.phone) as number,
        before: null,
        after: memberState({ ...fieldsOf(want), roles: 'member', active: 1 }),
      })
    }
  }
  for (const { want, before, roles } of updates) {
    await trx
      .updateTable('users')
      .set({ ...fieldsOf(want), roles })
      .where('id', '=', before.id)
      .execute()
    const diff = changedFields(memberState(before), memberState({ ...fieldsOf(want), roles, active: 1 }))
    changes.push({
      actorId: viewer.id,
      action: 'member.import',
      entity: 'member',
      entityId: before.id,
      ...diff,
    })
  }
  await recordChanges(trx, changes, now)
  return result(inserts.length, updates.length, unchanged, true)
}

/** The roster as the import reads it, so an exported file imports back unchanged. */
export function rosterCsv(rows: readonly RosterRow[]): string {
  return toCsv(
    ROSTER_CSV_HEADER,
    rows.map((row) => [
      row.name,
      row.phone,
      row.company_name,
      row.branch_name,
      POLITICAL_STATUS_NAMES[row.political_status],
      row.is_ceo === 1 ? '是' : '否',
      row.birth_date,
    ]),
  )
}
