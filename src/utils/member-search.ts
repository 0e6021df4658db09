/** Whether a member's name or branch contains the search text (spaces and case ignored). */
export function matchesMember(
  member: { name: string; branch: { name: string } | null },
  query: string,
): boolean {
  const needle = query.replace(/\s+/g, '').toLowerCase()
  if (!needle) return true
  return `${member.name}${member.branch?.name ?? ''}`.toLowerCase().includes(needle)
}
