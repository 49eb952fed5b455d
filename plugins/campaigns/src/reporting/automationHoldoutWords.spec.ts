import { describe, expect, it } from 'vitest'

import { de } from '../translations/de'
import { type AutomationHoldoutReport } from './automationHoldout'
import { automationHoldoutWords } from './automationHoldoutWords'
import { compareGroups } from './incrementalRevenue'
import { reportFormat } from './reportFormat'

/** The German texts with Payload's {{placeholder}} interpolation; non-breaking spaces as plain ones. */
const german = (key: string, vars: Record<string, string> = {}) =>
  (de as Record<string, string>)[key.replace('kontorwerk-campaigns:', '')].replace(
    /\{\{(\w+)\}\}/g,
    (_, name) => vars[name],
  )
const words = (report: Partial<AutomationHoldoutReport>) =>
  automationHoldoutWords(
    {
      automation: '3',
      holdout: 0,
      holdoutPercent: 0,
      name: 'Willkommen',
      revenue: null,
      treated: 0,
      windowDays: 7,
      ...report,
    },
    german,
    reportFormat('de'),
  ).map((text) => text.replace(/[\u00a0\u202f]/g, ' '))

describe('an automation against its holdout in the report', () => {
  it('says there is no holdout instead of showing 0', () => {
    expect(words({ treated: 120 })).toEqual([expect.stringMatching(/^Keine Kontrollgruppe: /)])
    expect(words({ treated: 120 }).join(' ')).not.toMatch(/0,00 €/)
  })

  it('says the holdout is set but still empty, rather than that there is none', () => {
    expect(words({ holdoutPercent: 50, treated: 3 })).toEqual([
      'Noch kein Vergleich: Die Kontrollgruppe (50,0 %) gilt für neue Einschreibungen, bisher ist niemand in ihr (3 Eingeschriebene mit Mails).',
    ])
  })

  it('says there is nothing to compare yet while nobody got the mails', () => {
    expect(words({ holdout: 2, holdoutPercent: 10 })).toEqual([
      'Noch kein Vergleich: 2 Eingeschriebene in der Kontrollgruppe, noch niemand mit Mails.',
    ])
  })

  it('gives the groups, then per currency their revenue per person and the difference with its interval', () => {
    // 16 of 40 treated and 3 of 30 held out bought for 50 € (the numbers of automation/automationHoldout.spec.ts).
    const buyers = (grp: string, count: number) =>
      Array.from({ length: count }, () => ({ currency: 'EUR', grp, revenue: 50 }))
    const [entry] = compareGroups({ holdout: 30, recipients: 40 }, [
      ...buyers('recipients', 16),
      ...buyers('holdout', 3),
    ])
    const groups =
      'Eingeschrieben mit Kontrollgruppe: 40 Personen mit Mails, 30 ohne (eingestellt: 40,0 % der neuen Einschreibungen). Es zählen Käufe bis 7 Tage nach der Einschreibung.'
    expect(words({ holdout: 30, holdoutPercent: 40, revenue: [entry], treated: 40 })).toEqual([
      groups,
      'Umsatz je eingeschriebener Person: 20,00 € mit Mails, 5,00 € ohne. Zusatzumsatz 600,00 € (95-%-Intervall 222,84 € bis 977,16 €; 15,00 € je Person). Der Unterschied ist signifikant.',
    ])
    expect(words({ holdout: 30, holdoutPercent: 40, revenue: [], treated: 40 })).toEqual([
      groups,
      'Keine Käufe mit Betrag im Zeitfenster, in keiner der beiden Gruppen.',
    ])
  })
})
