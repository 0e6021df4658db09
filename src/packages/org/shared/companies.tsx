import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@/components/button'
import { Tag } from '@/components/tag'
import type { Company } from '@/services/org'
import { ROUTES } from '@/utils/routes'
import { COMPANY_STATUS_LABELS, PARTY_ORG_LABELS } from './labels'

function go(url: string) {
  Taro.navigateTo({ url }).catch(() => undefined)
}

export function CompanyList({ companies }: { companies: Company[] }) {
  return (
    <View>
      <View className="org-toolbar org-toolbar--actions">
        <Button className="org-toolbar__primary" onClick={() => go(ROUTES.companyEdit())}>
          新增企业
        </Button>
      </View>
      {companies.length === 0 ? (
        <Text className="org-list__footer">还没有企业，先新增一家</Text>
      ) : (
        <View className="org-table">
          {companies.map((company) => (
            <View
              key={company.id}
              className={`org-row company-row${company.status === 'closed' ? ' org-row--muted' : ''}`}
              hoverClass="org-row--active"
              onClick={() => go(ROUTES.companyEdit(company.id))}
              aria-label={`编辑${company.name}`}
            >
              <View className="org-row__main">
                <View className="org-row__top">
                  <Text className="org-row__name">{company.name}</Text>
                  <Tag type={company.partyOrg === 'none' ? 'default' : 'primary'}>
                    {PARTY_ORG_LABELS[company.partyOrg]}
                  </Tag>
                  {company.status === 'closed' ? <Tag>{COMPANY_STATUS_LABELS.closed}</Tag> : null}
                </View>
                <Text className="org-row__cells">
                  <Text className="org-row__cell">{company.industry}</Text>
                  <Text className="org-row__cell">{company.branch?.name ?? '无支部'}</Text>
                  <Text className="org-row__cell">
                    党建工作指导员：{company.instructor?.name ?? '未指派'}
                  </Text>
                </Text>
              </View>
            </View>
          ))}
        </View>
      )}
    </View>
  )
}
