// An independent oracle for the ISO-8601 reader: the grammar as a regular expression, then the calendar and clock
// ranges checked with Date's own arithmetic.
const GRAMMAR =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?(?:[Zz]|([+-])(\d{2}):?(\d{2}))?)?$/

/** The Unix seconds of `text`, or undefined when it is not a date-time the reader must accept. */
export function oracle(text: string): number | undefined {
  const match = GRAMMAR.exec(text)
  if (!match) return undefined
  const [year, month, day, hour, minute, second, offsetHours, offsetMinutes] = [1, 2, 3, 4, 5, 6, 8, 9].map((i) =>
    Number(match[i] ?? 0)
  )
  const date = new Date(0)
  date.setUTCFullYear(year, month - 1, day)
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined
  if (hour > 24 || minute > 59 || second > 60 || (hour === 24 && (minute > 0 || second > 0))) return undefined
  if (offsetHours > 23 || offsetMinutes > 59) return undefined
  const sign = match[7] === '-' ? -1 : 1
  return date.getTime() / 1000 + hour * 3600 + minute * 60 + second - sign * (offsetHours * 60 + offsetMinutes) * 60
}
