import { describe, expect, it } from 'vitest'

import type { RecommendedSlot } from './strategies'

import { compileNewsletter, personalizeNewsletter } from '../../rendering/email/renderNewsletter'
import { tokenContext } from '../../rendering/tokens/liquid'
import { formatPrice, productGridMjml, productGridText } from './render'

const slot: RecommendedSlot = {
  buttonLabel: null,
  count: 2,
  heading: 'Für Sie ausgewählt',
  key: 'fuer-sie',
  products: [
    {
      product: {
        availability: 'in_stock',
        categories: [],
        currency: 'EUR',
        image: { alt: 'Lohn-App', url: 'https://shop.example/lohn-app.png' },
        locale: null,
        // A feed's product name that looks like a token: shown as written, never evaluated.
        name: 'Lohn-App {{ subscriber.email }}',
        price: 1234.5,
        promoted: true,
        sku: 'lohn-app',
        url: 'https://shop.example/lohn-app',
      },
      reason: { code: 'promoted' },
    },
    {
      product: {
        availability: 'preorder',
        categories: [],
        currency: 'JPY',
        image: null,
        locale: null,
        name: 'Kaizen-Set',
        price: 4900,
        promoted: true,
        sku: 'kaizen',
        url: null,
      },
      reason: { code: 'promoted' },
    },
  ],
  strategy: 'personal',
}

describe('the product grid', () => {
  it('writes prices as the locale does', () => {
    expect(formatPrice(1234.5, 'EUR', 'de')).toBe('1.234,50\u00a0€')
    expect(formatPrice(1234.5, 'EUR', 'de-AT')).toBe('€\u00a01.234,50')
    expect(formatPrice(1234.5, 'EUR', 'en')).toBe('€1,234.50')
    expect(formatPrice(4900, 'JPY', 'de')).toBe('4.900\u00a0¥')
  })

  it('renders image, name, price and button in the mail, and keeps feed text out of Liquid', async () => {
    const source = { id: 'grid-test', layout: 'standard' as const, subject: 'Test', updatedAt: '2026-12-06T00:00:00Z' }
    const template = await compileNewsletter(source, [], new Map(), [
      {
        ...productGridMjml(slot, { button: 'Ansehen', locale: 'de' }),
        text: productGridText(slot, { locale: 'de' }),
      },
    ])
    const mail = personalizeNewsletter(source, template, tokenContext({ email: 'anna@example.com', locale: 'de' }))
    expect(mail.html).toContain('Für Sie ausgewählt')
    expect(mail.html).toContain('src="https://shop.example/lohn-app.png"')
    expect(mail.html).toContain('1.234,50\u00a0€')
    expect(mail.html).toContain('4.900\u00a0¥')
    expect(mail.html).toMatch(/<a[^>]+href="https:\/\/shop\.example\/lohn-app"[^>]*>[\s\S]*?Ansehen/)
    expect(mail.html).not.toContain('anna@example.com')
    expect(mail.html).toContain('Lohn-App &#123;&#123; subscriber.email &#125;&#125;')
    expect(mail.text).toContain('- Lohn-App { { subscriber.email } }: 1.234,50\u00a0€\n  https://shop.example/lohn-app')
    expect(mail.text).not.toContain('anna@example.com')
  })

  it('renders a mail for product names with runs of braces, shown as written', async () => {
    const named = (name: string): RecommendedSlot => ({
      ...slot,
      products: [{ ...slot.products[0], product: { ...slot.products[0].product, name } }],
    })
    for (const name of ['Tasse {{{ Logo }}}', 'Set {{{', 'Rabatt 100%}}']) {
      const source = {
        id: `grid-${name}`,
        layout: 'standard' as const,
        subject: 'Test',
        updatedAt: '2026-12-06T00:00:00Z',
      }
      const template = await compileNewsletter(source, [], new Map(), [
        {
          ...productGridMjml(named(name), { button: 'Ansehen', locale: 'de' }),
          text: productGridText(named(name), { locale: 'de' }),
        },
      ])
      const mail = personalizeNewsletter(source, template, tokenContext({ email: 'anna@example.com', locale: 'de' }))
      expect(mail.text.replace(/\s/g, '')).toContain(name.replace(/\s/g, ''))
    }
  })

  it('gives each reader their own products when their grids share one compilation, and leaves marker-like feed text as written', async () => {
    const source = {
      id: 'grid-shared',
      layout: 'standard' as const,
      subject: 'Test',
      updatedAt: '2026-12-07T00:00:00Z',
    }
    const withNames = (first: string, second: string): RecommendedSlot => ({
      ...slot,
      products: [
        { ...slot.products[0], product: { ...slot.products[0].product, name: first, price: 10 } },
        { ...slot.products[1], product: { ...slot.products[1].product, name: second, price: 20 } },
      ],
    })
    const mailFor = async (grid: RecommendedSlot) => {
      const template = await compileNewsletter(source, [], new Map(), [
        {
          ...productGridMjml(grid, { button: 'Ansehen', locale: 'de' }),
          text: productGridText(grid, { locale: 'de' }),
        },
      ])
      return personalizeNewsletter(source, template, tokenContext({ email: 'anna@example.com', locale: 'de' })).html
    }
    const anna = await mailFor(withNames('Wanderschuh', 'Regenjacke'))
    const ben = await mailFor(withNames('Zelt $& $1', '%%KW_P0_NAME%%'))
    expect(anna).toContain('Wanderschuh')
    expect(anna).toContain('Regenjacke')
    expect(anna).not.toContain('Zelt')
    expect(ben).toContain('Zelt')
    expect(ben).not.toContain('Wanderschuh')
    // The feed's text is shown, not replaced by another product's name.
    expect(ben).toContain('&#37;&#37;KW_P0_NAME&#37;&#37;')
    expect(ben.match(/Zelt/g)).toHaveLength(1)
    // Put in after the Liquid pass as written ("$&" is no replacement pattern), with no placeholder left.
    expect(ben).toContain('Zelt $&amp; $1')
    expect(`${anna}${ben}`).not.toContain('kw-extra-')
  })
})
