import { describe, expect, it } from 'vitest'

import { validateEvent } from './validateEvent'

const NOW = new Date('2026-12-06T12:00:00Z')
const purchase = (properties: Record<string, unknown>) =>
  validateEvent({ email: 'alice@example.com', id: 'order-1', properties, type: 'purchase' }, NOW)

describe('purchase events', () => {
  it('are accepted with the product alone, as a shop without prices posts them', () => {
    expect(purchase({ product: 'lohn-modul' })).toMatchObject({
      event: { properties: { product: 'lohn-modul' }, type: 'purchase' },
    })
  })

  it('carry amount, currency and order when the shop knows them', () => {
    const properties = { amount: 249.5, currency: 'EUR', order: 'A-1001', product: 'lohn-modul' }
    expect(purchase(properties)).toMatchObject({ event: { properties } })
  })

  it('are rejected with the per-event code when the product is missing or a given extra is malformed', () => {
    expect(purchase({ amount: 10 })).toEqual({
      error: {
        code: 'missing_property',
        field: 'properties.product',
        message: 'A purchase event needs properties.product (string)',
      },
    })
    expect(purchase({ amount: -5, product: 'x' })).toMatchObject({
      error: { code: 'invalid_property', field: 'properties.amount' },
    })
    expect(purchase({ amount: '12', product: 'x' })).toMatchObject({
      error: { code: 'invalid_property', field: 'properties.amount' },
    })
    // Above a trillion no purchase is real, and the reports' sums of squares would overflow.
    expect(purchase({ amount: 1e155, product: 'x' })).toMatchObject({
      error: { code: 'invalid_property', field: 'properties.amount' },
    })
    expect(purchase({ amount: 1e12, product: 'x' })).not.toHaveProperty('error')
    expect(purchase({ currency: 'euro', product: 'x' })).toMatchObject({
      error: { code: 'invalid_property', field: 'properties.currency' },
    })
    expect(purchase({ order: '', product: 'x' })).toMatchObject({
      error: { code: 'invalid_property', field: 'properties.order' },
    })
  })
})

describe('event times', () => {
  const at = (occurredAt: string) =>
    validateEvent(
      { email: 'alice@example.com', id: 'order-2', occurredAt, properties: { product: 'cd' }, type: 'purchase' },
      NOW,
    )

  it('reach back to 1970 for backfilled order histories, and not before', () => {
    expect(at('1997-01-01T12:00:00Z')).toMatchObject({ event: { occurredAt: new Date('1997-01-01T12:00:00Z') } })
    expect(at('1970-01-01T00:00:00Z')).toHaveProperty('event')
    for (const occurredAt of ['1969-12-31T23:59:59Z', '0997-01-01T12:00:00Z', '2026-02-30T12:00:00Z'])
      expect(at(occurredAt), occurredAt).toMatchObject({ error: { code: 'invalid_timestamp', field: 'occurredAt' } })
  })
})
