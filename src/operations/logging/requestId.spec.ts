import { describe, expect, it } from 'vitest'

import { reasonLabel } from '../metrics/databaseMetrics'
import { loggedPath, requestIdOf } from './requestId'

describe('request ids and what logs and metrics may carry', () => {
  it("keeps a caller's sane id and replaces anything else with a UUID", () => {
    expect(requestIdOf('trace-4711.a:b_c')).toBe('trace-4711.a:b_c')
    expect(requestIdOf(['first', 'second'])).toBe('first')
    for (const bad of [undefined, '', 'a b', 'x"}\n{"level":60', 'ä', 'x'.repeat(129)])
      expect(requestIdOf(bad)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  })

  it('masks tokens in logged paths', () => {
    expect(loggedPath('/api/events')).toBe('/api/events')
    expect(loggedPath(`/t/c/v1.${'A'.repeat(40)}`)).toBe('/t/c/[token]')
  })

  it('keeps metric labels few: SMTP reply codes of failures, short skip reasons', () => {
    expect(reasonLabel('failed', '550')).toBe('550')
    expect(reasonLabel('failed', '5.1')).toBe('other')
    expect(reasonLabel('skipped', 'withdrawn')).toBe('withdrawn')
    expect(reasonLabel('skipped', 'Mailbox of anna@example.com full')).toBe('other')
    expect(reasonLabel('sent', '')).toBe('')
  })
})
