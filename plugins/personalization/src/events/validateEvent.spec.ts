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
    expect(purchase({ currency: 'euro', product: 'x' })).toMatchObject({
      error: { code: 'invalid_property', field: 'properties.currency' },
    })
    expect(purchase({ order: '', product: 'x' })).toMatchObject({
      error: { code: 'invalid_property', field: 'properties.order' },
    })
  })
})
