// Dates that are neither ISO-8601 nor unix seconds ("Tue, 01 Jan 2019 00:00:00 GMT", "2019/01/01", "01/01/2019"),
// read as Segment's published destination reads a root timestamp: with dayjs.utc. That destination runs on UTC
// machines, where a zone-less date is UTC; dayjs.utc falls back to the machine's zone for the dates it hands to
// `Date`, so here a zone-less date is read with UTC named after it (or, when that reads as nothing, as wall-clock time
// in UTC), which gives the same seconds under any TZ.
import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'

dayjs.extend(utc)

/**
 * A zone in the text: GMT, UTC, UT, Z or a US zone name as a word, Z or an offset after a time ("10:00:00Z",
 * "10:00:00+0100") or a sign and a digit after a space ("10:00 -05:00", "GMT +1", "10:00 +0100 (CET)": `Date` reads
 * such an offset wherever it stands, so whatever follows the digit does not matter). Text without one is read in the
 * machine's zone by `Date`.
 */
const ZONE = /\b(?:UTC?|GMT|Z|[ECMP][SD]T)\b|:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})\b|\s[+-]\d/i

/** Integer unix seconds of whatever dayjs.utc reads, or undefined when it reads nothing. */
export function readAnyDate(text: string): number | undefined {
  if (ZONE.test(text)) {
    const date = dayjs.utc(text)
    return date.isValid() ? date.unix() : undefined
  }
  const local = dayjs(text)
  if (!local.isValid()) return undefined
  // dayjs reads its own numeric forms ("2019/01/01T10:00") by their parts, so under UTC it never passes them through
  // the machine's zone: that reading differs from the local one by the zone's offset (a UTC machine reads both alike).
  const parts = dayjs.utc(text)
  if (parts.valueOf() !== local.valueOf()) return parts.unix()
  // Forms dayjs hands to `Date`: read with UTC named after them, so the text never passes through the machine's zone
  // either (a time that zone's daylight saving skips, "03/10/2024 02:30" in New York, would otherwise move by the gap).
  const named = dayjs.utc(`${text} UTC`)
  if (named.isValid()) return named.unix()
  // Else ("+002019-01-01T10:00:00") read in the machine's zone, then its wall-clock time taken as UTC.
  const wallClock = Date.UTC(
    local.year(),
    local.month(),
    local.date(),
    local.hour(),
    local.minute(),
    local.second(),
    local.millisecond()
  )
  // That wall-clock time can lie past the last date even when the local reading does not (NaN from Date.UTC).
  return Number.isNaN(wallClock) ? undefined : Math.floor(wallClock / 1000)
}
