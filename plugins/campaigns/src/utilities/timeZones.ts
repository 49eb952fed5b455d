import type { Payload } from 'payload'

import { idFromKey, readRows, timeZoneOf } from '@kontorwerk/personalization'

/** Each subscriber's time zone (their own, else their region's, else the planning zone), in one read. */
export async function zonesOf(payload: Payload, subscribers: string[]): Promise<Map<string, string>> {
  const rows = await readRows(
    payload,
    'subscribers',
    ['id', 'region', 'timeZone'],
    [{ field: 'id', in: subscribers.map((id) => idFromKey(payload, id)) }],
  )
  return new Map(
    rows.map((row) => [
      String(row.id),
      timeZoneOf({ region: row.region as null | string, timeZone: row.timeZone as null | string }),
    ]),
  )
}
