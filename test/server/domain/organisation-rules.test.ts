import { maskPhone } from '../../../server/src/domain/organisation/mapper'
import {
  normalisePhone,
  parseBirthDate,
  parsePoliticalStatus,
  parseYesNo,
  partyOrgOf,
  rosterRoles,
} from '../../../server/src/domain/organisation/rules'
import { changedFields } from '../../../server/src/domain/organisation/audit'

describe('organisation rules', () => {
  it('masks a phone number to its first three and last four digits', () => {
    expect(maskPhone('13812345678')).toBe('138****5678')
  })

  it('reads phone numbers as spreadsheets write them', () => {
    expect(normalisePhone('138 1234 5678')).toBe('13812345678')
    expect(normalisePhone('+86 138-1234-5678')).toBe('13812345678')
    expect(normalisePhone('008613812345678')).toBe('13812345678')
    expect(normalisePhone('1381234567')).toBeNull()
    expect(normalisePhone('23812345678')).toBeNull()
  })

  it('reads 政治面貌 in Chinese, short forms and codes', () => {
    expect(parsePoliticalStatus('中共党员')).toBe('party_member')
    expect(parsePoliticalStatus(' 预备党员 ')).toBe('probationary')
    expect(parsePoliticalStatus('masses')).toBe('masses')
    expect(parsePoliticalStatus('火星人')).toBeNull()
  })

  it('reads 是否CEO and birth dates', () => {
    expect([parseYesNo('是'), parseYesNo(''), parseYesNo('否'), parseYesNo('Y'), parseYesNo('也许')]).toEqual(
      [true, false, false, true, null],
    )
    expect(parseBirthDate('1990/5/1', '2026-12-01')).toBe('1990-05-01')
    expect(parseBirthDate('1990年5月1日', '2026-12-01')).toBe('1990-05-01')
    expect(parseBirthDate('', '2026-12-01')).toBeNull()
    expect(parseBirthDate('1990-02-30', '2026-12-01')).toBeUndefined()
    expect(parseBirthDate('2027-01-01', '2026-12-01')).toBeUndefined()
  })

  it('keeps member first among roles, and derives a company’s party organisation from its branch', () => {
    expect(rosterRoles(['helper', 'secretary'])).toEqual(['member', 'secretary', 'helper'])
    expect([partyOrgOf('own'), partyOrgOf('joint'), partyOrgOf(null)]).toEqual(['own', 'joint', 'none'])
  })

  it('records only the fields a change touched', () => {
    expect(changedFields({ a: 1, b: 'x', c: [1] }, { a: 1, b: 'y', c: [1] })).toEqual({
      before: { b: 'x' },
      after: { b: 'y' },
    })
  })
})
