import { describe, expect, it } from 'vitest'

import { historyOf, recencyOf } from './purchaseHistories'

const day = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000

describe('a subscriber history from the database’s list of purchases', () => {
  it('counts purchase days, not purchases, whatever order the database listed them in', () => {
    // Three purchases on 3 March, two on 10 March, one on 1 April: three transactions.
    const history = historyOf('7', '2026-03-10 20,2026-03-03 10,2026-04-01 5,2026-03-03 15,2026-03-10 30,2026-03-03 1')
    expect(history).toEqual({
      firstDay: day('2026-03-03'),
      lastDay: day('2026-04-01'),
      // The first day's 26 are the acquisition, not repeat spend: 20 + 30 + 5.
      repeatAmount: 55,
      repeatDaysWithAmount: 2,
      subscriber: '7',
      transactions: 3,
    })
    expect(recencyOf(history, day('2026-04-08'))).toEqual({ T: 36 / 7, tx: 29 / 7, x: 2 })
  })

  it('counts a repeat day as priced when any purchase on it carried an amount, and a day without any as unpriced', () => {
    const history = historyOf('8', '2026-01-01 ,2026-01-05 ,2026-01-05 12.5,2026-01-09 ')
    expect(history).toMatchObject({ repeatAmount: 12.5, repeatDaysWithAmount: 1, transactions: 3 })
  })

  it('gives a one-day buyer no repeat transactions and no repeat spend', () => {
    expect(historyOf('9', '2026-02-02 40,2026-02-02 2')).toMatchObject({
      firstDay: day('2026-02-02'),
      lastDay: day('2026-02-02'),
      repeatAmount: 0,
      repeatDaysWithAmount: 0,
      transactions: 1,
    })
  })
})
