import { fireEvent, render } from '@testing-library/react'
import type { Course } from '../../../../types/api'
import { CourseCard } from '..'

const NOW = Date.parse('2026-11-21T06:00:00.000Z')

function course(overrides: Partial<Course> = {}): Course {
  return {
    id: 3,
    title: '党务工作者培训班',
    kind: 'training',
    description: '',
    branch: null,
    capacity: 120,
    enrolledCount: 36,
    enrolled: false,
    status: 'open',
    enrolmentOpen: true,
    sessionCount: 3,
    nextSessionAt: '2026-11-24T06:00:00.000Z',
    canManage: false,
    ...overrides,
  }
}

describe('CourseCard', () => {
  it('shows kind, organiser, the next session with how soon, sessions and places', () => {
    const { container } = render(<CourseCard course={course()} now={NOW} />)
    expect(container.querySelector('.course-card__kind')).toHaveTextContent('党务培训')
    expect(container.querySelector('.course-card__organiser')).toHaveTextContent('园区')
    expect(container.querySelector('.course-card__next')).toHaveTextContent(
      '下次课 11月24日 周二 14:00 · 3天后',
    )
    expect(container.querySelector('.course-card__sessions')).toHaveTextContent('共3次课')
    expect(container.querySelector('.course-card__places')).toHaveTextContent('已报名 36/120')
    expect(container.querySelector('.course-card__state')).toBeNull()
  })

  it('says 已报名 when I am enrolled, a branch course names its branch, a study course says 学习课程', () => {
    const { container } = render(
      <CourseCard
        course={course({ kind: 'study', enrolled: true, branch: { id: 3, name: '云栈科技党支部' } })}
        now={NOW}
      />,
    )
    expect(container.querySelector('.course-card__kind')).toHaveTextContent('学习课程')
    expect(container.querySelector('.course-card__organiser')).toHaveTextContent('云栈科技党支部')
    expect(container.querySelector('.course-card__state')).toHaveTextContent('已报名')
  })

  it('says 名额已满 and 课程已结束 in words', () => {
    const { container } = render(
      <CourseCard course={course({ enrolledCount: 120, status: 'full', nextSessionAt: null })} now={NOW} />,
    )
    expect(container.querySelector('.course-card__places')).toHaveTextContent('名额已满')
    expect(container.querySelector('.course-card__next')).toHaveTextContent('课程已结束')
  })

  it('says 正在上课 while the next session is under way', () => {
    const { container } = render(
      <CourseCard course={course({ nextSessionAt: '2026-11-21T05:30:00.000Z' })} now={NOW} />,
    )
    expect(container.querySelector('.course-card__next')).toHaveTextContent(
      '正在上课 · 11月21日 周六 13:30 开始',
    )
  })

  it('opens the course on tap', () => {
    const onOpen = jest.fn()
    const { container } = render(<CourseCard course={course()} onOpen={onOpen} now={NOW} />)
    fireEvent.click(container.querySelector('.course-card') as HTMLElement)
    expect(onOpen).toHaveBeenCalledWith(expect.objectContaining({ id: 3 }))
  })
})
