import { Text, View } from '@tarojs/components'
import type { Course } from '../../../types/api'
import { COURSE_KIND_LABELS, courseOrganiserLabel, enrolmentLabel } from '@/utils/courses'
import { formatDateTime, formatRelative } from '@/utils/time'
import { Tag } from '../tag'
import { cx, type BasicComponent } from '../types'
import './index.scss'

export interface CourseCardProps extends BasicComponent {
  /** The course as the list endpoint returns it, including my enrolment. */
  course: Course
  /** Called with the course when the card is tapped. */
  onOpen?: (course: Course) => void
  /** "Now" for the relative date; tests pin it. */
  now?: number
}

/** When the course meets next, or that it is over. */
export function nextSessionLabel(course: Pick<Course, 'nextSessionAt'>, now?: number): string {
  if (!course.nextSessionAt) return '课程已结束'
  // The next session that has not ended may already have begun.
  if (Date.parse(course.nextSessionAt) <= (now ?? Date.now()))
    return `正在上课 · ${formatDateTime(course.nextSessionAt)} 开始`
  return `下次课 ${formatDateTime(course.nextSessionAt)} · ${formatRelative(course.nextSessionAt, now)}`
}

/**
 * One course in a list: kind, organiser, title, the next session (and how soon), places taken and
 * whether I am enrolled. Every state is a word, never only a colour.
 */
export function CourseCard({ course, onOpen, now, className, style }: CourseCardProps) {
  const kind = COURSE_KIND_LABELS[course.kind] ?? '学习课程'
  const next = nextSessionLabel(course, now)
  const places = enrolmentLabel(course)
  const full = !course.enrolled && course.status === 'full'
  const label = [kind, course.title, next, places, course.enrolled ? '已报名' : full ? '名额已满' : null]
    .filter(Boolean)
    .join('，')
  return (
    <View
      className={cx('course-card', course.enrolled && 'course-card--enrolled', className)}
      style={style}
      hoverClass="course-card--active"
      onClick={() => onOpen?.(course)}
      aria-label={label}
    >
      <View className="course-card__head">
        <Tag type="primary" className="course-card__kind">
          {kind}
        </Tag>
        <Tag className="course-card__organiser">{courseOrganiserLabel(course)}</Tag>
        {course.enrolled ? <Text className="course-card__state">已报名</Text> : null}
      </View>
      <Text className="course-card__title">{course.title}</Text>
      <View className="course-card__meta">
        <Text className={cx('course-card__next', !course.nextSessionAt && 'course-card__next--ended')}>
          {next}
        </Text>
        <Text className="course-card__sessions">共{course.sessionCount}次课</Text>
      </View>
      <Text className={cx('course-card__places', full && 'course-card__places--full')}>
        {full ? `${places} · 名额已满` : places}
      </Text>
    </View>
  )
}

export default CourseCard
