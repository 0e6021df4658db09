import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { ChartCanvas } from './chart-canvas'
import type { ChartSpec } from './spec'
import { toCsv, type FigureTable } from './table'

export interface ChartCardProps {
  title: string
  /** a line under the title: what is counted */
  note?: string
  spec: ChartSpec
  table: FigureTable
  height?: number
  /** shown instead of the chart when there is nothing to draw */
  empty?: boolean
}

/** A chart with its numbers: 数据表 opens them as a table, 复制CSV puts them on the clipboard. */
export function ChartCard({ title, note, spec, table, height = 200, empty = false }: ChartCardProps) {
  const [showTable, setShowTable] = useState(false)
  const copy = async () => {
    try {
      await Taro.setClipboardData({ data: toCsv(table) })
      await Taro.showToast({ title: '已复制CSV,可粘贴到表格', icon: 'none' })
    } catch {
      await Taro.showToast({ title: '复制失败,请查看数据表', icon: 'none' })
    }
  }
  return (
    <View className="chart-card">
      <View className="chart-card__head">
        <Text className="chart-card__title">{title}</Text>
        <View className="chart-card__actions">
          <View className="chart-card__action" role="button" onClick={() => setShowTable(!showTable)}>
            <Text>{showTable ? '收起数据' : '数据表'}</Text>
          </View>
          <View className="chart-card__action" role="button" onClick={() => void copy()}>
            <Text>复制CSV</Text>
          </View>
        </View>
      </View>
      {note ? <Text className="chart-card__note">{note}</Text> : null}
      {empty ? (
        <View className="chart-card__empty">
          <Text>暂无数据</Text>
        </View>
      ) : (
        <ChartCanvas spec={spec} height={height} label={title} />
      )}
      {showTable ? (
        <View className="chart-card__table" role="table" aria-label={`${title}数据表`}>
          <View className="chart-card__row chart-card__row--head" role="row">
            {table.head.map((name) => (
              <Text key={name} className="chart-card__cell">
                {name}
              </Text>
            ))}
          </View>
          {table.rows.map((row, index) => (
            <View key={index} className="chart-card__row" role="row">
              {row.map((value, column) => (
                <Text key={column} className="chart-card__cell">
                  {value}
                </Text>
              ))}
            </View>
          ))}
        </View>
      ) : null}
    </View>
  )
}
