import { attachment, csvCell, toCsv } from '../../../server/src/domain/csv'

describe('CSV export', () => {
  it.each([
    ['plain', 'plain'],
    ['=1+1', "'=1+1"],
    ['+8613800000000', "'+8613800000000"],
    ['-5', "'-5"],
    ['@cmd', "'@cmd"],
    ['\t=1', "'\t=1"],
    ['say "hi"', '"say ""hi"""'],
    ['a,b', '"a,b"'],
    ['line\nbreak', '"line\nbreak"'],
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
  ])('writes %j as %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected)
  })

  it('leaves numbers and empty cells alone', () => {
    expect(csvCell(-3)).toBe('-3')
    expect(csvCell(12)).toBe('12')
    expect(csvCell(null)).toBe('')
    expect(csvCell(undefined)).toBe('')
  })

  it('starts with a BOM and ends lines with CRLF', () => {
    expect(toCsv(['姓名', '状态'], [['张三', '已报名']])).toBe('\uFEFF姓名,状态\r\n张三,已报名\r\n')
  })

  it('keeps a Chinese file name with an ASCII fallback', () => {
    expect(attachment("报名(1)'s.csv", 'list.csv')).toBe(
      `attachment; filename="list.csv"; filename*=UTF-8''%E6%8A%A5%E5%90%8D%281%29%27s.csv`,
    )
  })
})
