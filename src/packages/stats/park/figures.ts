import type { ParkStats } from '../../../../types/api'
import type { ChartSpec } from '../charts/spec'
import { percentText, type FigureTable } from '../charts/table'

/*
 * The park's figures as charts and tables. Nothing is computed here beyond putting the server's
 * numbers side by side: every figure is the server's.
 */

export interface ChartView {
  id: string
  title: string
  note?: string
  spec: ChartSpec
  table: FigureTable
  height?: number
  empty?: boolean
}

const monthName = (month: string) => `${Number(month.slice(5))}月`

export function coverageGauges(stats: ParkStats): ChartView[] {
  const { coverage } = stats
  const counts: FigureTable['rows'] = [
    ['运营企业', coverage.operating],
    ['单独建立党组织', coverage.ownOrg],
    ['联合建立党组织', coverage.jointOrg],
    ['仅有党建工作指导员', coverage.instructorOnly],
    ['均未覆盖', coverage.none],
    ['已关闭(不计)', coverage.closed],
  ]
  return [
    {
      id: 'organisation',
      title: '党的组织覆盖率',
      note: '单独或联合建立党组织的企业 ÷ 运营企业',
      spec: {
        kind: 'gauge',
        value: coverage.organisation,
        target: coverage.targets.organisation,
        label: '组织覆盖',
      },
      table: {
        head: ['指标', '数值'],
        rows: [
          ['组织覆盖率', percentText(coverage.organisation)],
          ['目标', percentText(coverage.targets.organisation)],
          ...counts,
        ],
      },
      height: 150,
    },
    {
      id: 'work',
      title: '党的工作覆盖率',
      note: '有党组织或党建工作指导员的企业 ÷ 运营企业',
      spec: { kind: 'gauge', value: coverage.work, target: coverage.targets.work, label: '工作覆盖' },
      table: {
        head: ['指标', '数值'],
        rows: [
          ['工作覆盖率', percentText(coverage.work)],
          ['目标', percentText(coverage.targets.work)],
          ...counts,
        ],
      },
      height: 150,
    },
  ]
}

export function trendCharts(stats: ParkStats): ChartView[] {
  const { trend } = stats
  const line = (
    series: ReadonlyArray<[name: string, pick: (point: ParkStats['trend'][number]) => number | null]>,
  ) =>
    trend.flatMap((point) =>
      series.flatMap(([name, pick]) => {
        const y = pick(point)
        return y === null ? [] : [{ x: point.month, series: name, y }]
      }),
    )
  return [
    {
      id: 'coverage-trend',
      title: '覆盖率趋势(近12个月)',
      note: '每月月底的覆盖率',
      spec: {
        kind: 'line',
        percent: true,
        rows: line([
          ['组织覆盖', (p) => p.coverage.organisation],
          ['工作覆盖', (p) => p.coverage.work],
        ]),
      },
      table: {
        head: ['月份', '运营企业', '组织覆盖率', '工作覆盖率'],
        rows: trend.map((p) => [
          p.month,
          p.coverage.operating,
          percentText(p.coverage.organisation),
          percentText(p.coverage.work),
        ]),
      },
    },
    {
      id: 'attendance-trend',
      title: '活动与培训出勤率',
      note: '活动:签到 ÷ 报名;培训:出勤 ÷ 应到',
      spec: {
        kind: 'line',
        percent: true,
        rows: line([
          ['活动', (p) => p.eventAttendanceRate],
          ['培训', (p) => p.sessionAttendanceRate],
        ]),
      },
      table: {
        head: ['月份', '活动场次', '报名', '签到', '培训场次', '应到', '出勤'],
        rows: trend.map((p) => [
          p.month,
          p.eventsHeld,
          p.eventSignups,
          p.eventAttended,
          p.sessionsHeld,
          p.sessionExpected,
          p.sessionAttended,
        ]),
      },
      empty: trend.every((p) => p.eventSignups === 0 && p.sessionExpected === 0),
    },
    {
      id: 'help-trend',
      title: '帮帮团诉求',
      note: '每月新提交与已解决的诉求数',
      spec: {
        kind: 'line',
        rows: line([
          ['新提交', (p) => p.helpFiled],
          ['已解决', (p) => p.helpResolved],
        ]),
      },
      table: {
        head: ['月份', '新提交', '已解决'],
        rows: trend.map((p) => [p.month, p.helpFiled, p.helpResolved]),
      },
    },
    {
      id: 'points-trend',
      title: '学习积分(汇总)',
      note: '每月全园区积分合计;不列个人、不做排名',
      spec: { kind: 'line', rows: line([['积分合计', (p) => p.pointsTotal]]) },
      table: {
        head: ['月份', '积分合计', '获得积分人数', '入党申请'],
        rows: trend.map((p) => [p.month, p.pointsTotal, p.pointsActiveMembers, p.applicationsFiled]),
      },
    },
  ]
}

const bars = (rows: ReadonlyArray<{ label: string; count: number }>): ChartSpec => ({
  kind: 'bar',
  rows: rows.map((row) => ({ x: row.label, y: row.count })),
})

export function breakdownCharts(stats: ParkStats): ChartView[] {
  const shown = monthName(stats.month)
  return [
    {
      id: 'political-status',
      title: '成员政治面貌',
      note: `在册成员 ${stats.members.total} 人`,
      spec: bars(stats.members.byPoliticalStatus),
      table: {
        head: ['政治面貌', '人数'],
        rows: stats.members.byPoliticalStatus.map((r) => [r.label, r.count]),
      },
    },
    {
      id: 'stages',
      title: '发展党员各阶段',
      note: `${shown}收到入党申请 ${stats.applications.filed} 份`,
      spec: bars(stats.applications.byStage),
      table: { head: ['阶段', '人数'], rows: stats.applications.byStage.map((r) => [r.label, r.count]) },
    },
    {
      id: 'help-categories',
      title: `${shown}帮帮团诉求类别`,
      note: `共 ${stats.helpRequests.filed} 件,其中红色服务通道 ${stats.helpRequests.priority} 件`,
      spec: bars(stats.helpRequests.byCategory),
      table: { head: ['类别', '件数'], rows: stats.helpRequests.byCategory.map((r) => [r.label, r.count]) },
      empty: stats.helpRequests.filed === 0,
    },
  ]
}

export { monthName }
