import type { FieldHook } from 'payload'

import { message } from '../translations'

type Prediction = {
  model?: unknown
  ageWeeks?: null | number
  expectedPurchases?: null | number
  expectedValue?: null | number
  probabilityAlive?: null | number
  recencyWeeks?: null | number
  repeatPurchases?: null | number
}

/**
 * The subscriber page's sentence for the numbers beside it, in the admin's language with its number
 * format ("zu 3 % noch aktiv"), computed when read: it can never disagree with the stored values.
 */
export const explainPrediction =
  (horizonDays: number): FieldHook =>
  ({ req, siblingData }) => {
    const prediction = siblingData as Prediction | undefined
    // Not read (server code that did not ask for it): nothing to explain, rather than "no data".
    if (!prediction || !('model' in prediction)) return undefined
    if (prediction.probabilityAlive == null) return message(req, 'kontorwerk-lead-scoring:predictionNoData')
    const language = req?.i18n?.language === 'en' ? 'en' : 'de'
    const number = (value: number, digits: number) =>
      new Intl.NumberFormat(language, { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(value)
    const vars = {
      age: number(prediction.ageWeeks ?? 0, 1),
      alive: new Intl.NumberFormat(language, { maximumFractionDigits: 0, style: 'percent' }).format(
        prediction.probabilityAlive,
      ),
      expected: number(prediction.expectedPurchases ?? 0, 2),
      horizon: number(horizonDays, 0),
      recency: number(prediction.recencyWeeks ?? 0, 1),
      repeat: number(prediction.repeatPurchases ?? 0, 0),
    }
    const sentence = message(req, 'kontorwerk-lead-scoring:predictionSentence', vars)
    return prediction.expectedValue == null
      ? sentence
      : `${sentence} ${message(req, 'kontorwerk-lead-scoring:predictionValueSentence', {
          value: number(prediction.expectedValue, 2),
        })}`
  }
