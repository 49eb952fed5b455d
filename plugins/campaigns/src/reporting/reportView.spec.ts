import { describe, expect, it } from 'vitest'

import { reportFormat } from './reportFormat'
import { type AutomationSteps, groupByAutomation } from './reportGroups'
import { ONLY_SINGLE_CAMPAIGNS, pagerPages, parseReportQuery, reportHref, reportWhere } from './reportQuery'

const STATUSES = ['draft', 'scheduled', 'sending', 'paused', 'done', 'cancelled']

describe('the report view read from its URL', () => {
  it('reads search, status, automation, page and campaign, falling back to "all" for what is malformed', () => {
    expect(
      parseReportQuery({ automation: '7', campaign: ' 42 ', page: '3', q: ' Herbst ', status: 'done' }, STATUSES),
    ).toEqual({ automation: '7', campaign: '42', page: 3, search: 'Herbst', status: 'done' })
    expect(parseReportQuery({ page: '-2', status: 'sent' }, STATUSES)).toMatchObject({ page: 1, status: '' })
    // Not an id: every campaign, never a query with NaN (review finding: the report answered 500).
    for (const automation of ['abc', "1' OR 1=1--", '1.5', '-1'])
      expect(parseReportQuery({ automation }, STATUSES).automation, automation).toBe('')
    expect(parseReportQuery({ page: 'zwei' }, STATUSES).page).toBe(1)
    expect(parseReportQuery({ page: '1e9999' }, STATUSES).page).toBe(1)
    expect(parseReportQuery({ q: ['erste', 'zweite'] }, STATUSES).search).toBe('erste')
    expect(parseReportQuery(undefined, STATUSES)).toEqual({
      automation: '',
      campaign: '',
      page: 1,
      search: '',
      status: '',
    })
  })

  it('filters by name, status and automation (or campaigns without one)', () => {
    const base = parseReportQuery({}, STATUSES)
    expect(reportWhere(base)).toEqual({})
    expect(reportWhere({ ...base, automation: '5', search: 'KW 48', status: 'done' })).toEqual({
      and: [{ name: { like: 'KW 48' } }, { status: { equals: 'done' } }, { automation: { equals: '5' } }],
    })
    expect(reportWhere({ ...base, automation: ONLY_SINGLE_CAMPAIGNS })).toEqual({
      and: [{ automation: { exists: false } }],
    })
  })

  it('links keep the rest of the view and leave out what is empty', () => {
    const query = parseReportQuery({ automation: '5', page: '2', q: 'Herbst & Winter', status: 'done' }, STATUSES)
    expect(reportHref(query, { campaign: '9' })).toBe('?q=Herbst+%26+Winter&status=done&automation=5&page=2&campaign=9')
    expect(reportHref(query, { automation: '', page: 1, search: '', status: '' })).toBe('?')
    const back = new URLSearchParams(reportHref(query, { page: 3 }).slice(1))
    expect(parseReportQuery(Object.fromEntries(back), STATUSES)).toEqual({ ...query, page: 3 })
  })

  it('offers the first, the last and the pages around the current one', () => {
    expect(pagerPages(1, 1)).toEqual([1])
    expect(pagerPages(1, 3)).toEqual([1, 2, 3])
    expect(pagerPages(6, 12)).toEqual([1, null, 4, 5, 6, 7, 8, null, 12])
    expect(pagerPages(12, 12)).toEqual([1, null, 10, 11, 12])
  })
})

describe('campaigns grouped under their automation', () => {
  const welcome: AutomationSteps = { id: 'a1', name: 'Willkommen', steps: ['s1', 'w1', 's2', 's3'] }
  const row = (campaign: string, automation: null | string = null, automationStep: null | string = null) => ({
    automation,
    automationStep,
    campaign,
  })

  it('puts an automation’s campaigns together, by step, where its first campaign stood', () => {
    const groups = groupByAutomation(
      [row('10'), row('9', 'a1', 's3'), row('8'), row('7', 'a1', 's1'), row('6', 'a1', 'gone'), row('5', 'a1', 's2')],
      new Map([['a1', welcome]]),
    )
    expect(groups.map((group) => (group.kind === 'single' ? group.row.campaign : group.automation.name))).toEqual([
      '10',
      'Willkommen',
      '8',
    ])
    const automation = groups[1]
    if (automation.kind !== 'automation') throw new Error('expected the automation group')
    expect(automation.rows.map((entry) => [entry.campaign, entry.step])).toEqual([
      ['7', 1],
      ['5', 3],
      ['9', 4],
      ['6', null],
    ])
  })

  it('leaves a campaign of a deleted automation on its own', () => {
    expect(groupByAutomation([row('3', 'deleted', 's1')], new Map())).toEqual([
      { kind: 'single', row: row('3', 'deleted', 's1') },
    ])
  })
})

describe('numbers and dates in the admin language', () => {
  const at = '2026-12-06T13:03:00.000Z'

  it('writes German numbers, shares and dates for a German admin', () => {
    const format = reportFormat('de', 'Europe/Berlin')
    expect(format.number(1234)).toBe('1.234')
    expect(format.number(1234567.25)).toBe('1.234.567,3')
    expect(format.percent(0.125)).toBe('12,5\u00a0%')
    expect(format.percent(0)).toBe('0,0\u00a0%')
    expect(format.dateTime(at)).toBe('06.12.2026 14:03')
    expect(format.dateTime(null)).toBe('—')
  })

  it('writes English ones for an English admin, and German for a language it does not know', () => {
    const english = reportFormat('en', 'Europe/Berlin')
    expect(english.number(1234)).toBe('1,234')
    expect(english.percent(0.125)).toBe('12.5%')
    expect(english.dateTime(at)).toBe('06/12/2026 14:03')
    expect(reportFormat('fr', 'Europe/Berlin').number(1234)).toBe('1.234')
  })

  it('uses the planning time zone unless told otherwise', () => {
    expect(reportFormat('de').dateTime(at)).toBe('06.12.2026 14:03')
  })
})

describe('revenue in the report, per currency', () => {
  it('writes each currency as the admin language does, never converted, and a dash for none', () => {
    const revenue = [
      { amount: 19.2, currency: 'CHF' },
      { amount: 1234.5, currency: 'EUR' },
    ]
    expect(reportFormat('de', 'UTC').money(revenue).replace(/\s/g, ' ')).toBe('19,20 CHF · 1.234,50 €')
    expect(reportFormat('en', 'UTC').money(revenue).replace(/\s/g, ' ')).toBe('CHF 19.20 · €1,234.50')
    expect(reportFormat('de', 'UTC').money([])).toBe('—')
  })
})
