import type { Field } from 'payload'

import { option, translated } from '../../translations'
import { ATTRIBUTE_PATH, DEFAULT_DATE_HOUR } from './dateRelative'

/** The triggers of this block: N days before/after a date, a loyalty tier reached or close. */
export const DATE_LOYALTY_TRIGGERS = ['date_relative', 'loyalty_tier'] as const

export const dateLoyaltyTriggerOptions = [
  option('date_relative', 'kontorwerk-campaigns:triggerDateRelative'),
  option('loyalty_tier', 'kontorwerk-campaigns:triggerLoyaltyTier'),
]

type Data = Record<string, unknown> | undefined
const onDate = (data: Data) => data?.trigger === 'date_relative'
const onLoyalty = (data: Data) => data?.trigger === 'loyalty_tier'
const fromEvent = (data: Data) => onDate(data) && data?.dateSource === 'event'
const bySpend = (data: Data) => onLoyalty(data) && data?.loyaltyMeasure === 'spend'

/** A field error unless the value is set whenever `needed` says so (and then passes `valid`). */
const requiredWhen =
  (needed: (data: Data) => boolean, message: string, valid: (value: unknown) => boolean = () => true) =>
  (value: unknown, { data }: { data: unknown }) =>
    !needed(data as Data) || (value != null && value !== '' && valid(value)) || message

/** The fields of the date-relative and loyalty triggers, shown only for them. */
export const dateLoyaltyFields: Field[] = [
  {
    type: 'row',
    admin: { condition: onDate },
    fields: [
      {
        name: 'dateSource',
        type: 'select',
        defaultValue: 'attribute',
        label: translated('kontorwerk-campaigns:dateSource'),
        options: [
          option('attribute', 'kontorwerk-campaigns:dateSourceAttribute'),
          option('event', 'kontorwerk-campaigns:dateSourceEvent'),
        ],
      },
      {
        name: 'dateAttribute',
        type: 'text',
        admin: {
          condition: (data) => data?.dateSource !== 'event',
          description: translated('kontorwerk-campaigns:dateAttributeDescription'),
        },
        label: translated('kontorwerk-campaigns:dateAttribute'),
        validate: requiredWhen(
          (data) => onDate(data) && !fromEvent(data),
          'Attribut fehlt oder ist ungültig (z. B. contractRenewal) / attribute missing or invalid',
          (value) => ATTRIBUTE_PATH.test(String(value)),
        ),
      },
      {
        name: 'dateEvent',
        type: 'text',
        admin: {
          condition: fromEvent,
          description: translated('kontorwerk-campaigns:dateEventDescription'),
        },
        label: translated('kontorwerk-campaigns:dateEvent'),
        validate: requiredWhen(fromEvent, 'Ereignis fehlt (z. B. booking) / event missing'),
      },
      {
        name: 'dateProperty',
        type: 'text',
        admin: {
          condition: fromEvent,
          description: translated('kontorwerk-campaigns:datePropertyDescription'),
        },
        label: translated('kontorwerk-campaigns:dateProperty'),
        validate: requiredWhen(
          fromEvent,
          'Eigenschaft fehlt oder ist ungültig (z. B. tripDate) / property missing or invalid',
          (value) => ATTRIBUTE_PATH.test(String(value)),
        ),
      },
    ],
  },
  {
    type: 'row',
    admin: { condition: onDate },
    fields: [
      {
        name: 'dateOffsetDays',
        type: 'number',
        admin: { description: translated('kontorwerk-campaigns:dateOffsetDaysDescription'), step: 1 },
        defaultValue: 0,
        label: translated('kontorwerk-campaigns:dateOffsetDays'),
        max: 3650,
        min: 0,
      },
      {
        name: 'dateDirection',
        type: 'select',
        defaultValue: 'before',
        label: translated('kontorwerk-campaigns:dateDirection'),
        options: [
          option('before', 'kontorwerk-campaigns:dateDirectionBefore'),
          option('after', 'kontorwerk-campaigns:dateDirectionAfter'),
        ],
      },
      {
        name: 'dateHour',
        type: 'number',
        admin: { description: translated('kontorwerk-campaigns:dateHourDescription'), step: 1 },
        defaultValue: DEFAULT_DATE_HOUR,
        label: translated('kontorwerk-campaigns:dateHour'),
        max: 23,
        min: 0,
      },
    ],
  },
  {
    type: 'row',
    admin: { condition: onLoyalty },
    fields: [
      {
        name: 'loyaltyMoment',
        type: 'select',
        defaultValue: 'reached',
        label: translated('kontorwerk-campaigns:loyaltyMoment'),
        options: [
          option('reached', 'kontorwerk-campaigns:loyaltyMomentReached'),
          option('close', 'kontorwerk-campaigns:loyaltyMomentClose'),
        ],
      },
      {
        name: 'loyaltyMeasure',
        type: 'select',
        defaultValue: 'purchases',
        label: translated('kontorwerk-campaigns:loyaltyMeasure'),
        options: [
          option('purchases', 'kontorwerk-campaigns:loyaltyMeasurePurchases'),
          option('spend', 'kontorwerk-campaigns:loyaltyMeasureSpend'),
        ],
      },
      {
        name: 'loyaltyThreshold',
        type: 'number',
        admin: { description: translated('kontorwerk-campaigns:loyaltyThresholdDescription') },
        label: translated('kontorwerk-campaigns:loyaltyThreshold'),
        min: 0,
        validate: requiredWhen(
          onLoyalty,
          'Schwelle muss größer als 0 sein / the threshold must be above 0',
          (value) => Number(value) > 0,
        ),
      },
    ],
  },
  {
    type: 'row',
    admin: { condition: onLoyalty },
    fields: [
      {
        name: 'loyaltyCurrency',
        type: 'text',
        admin: {
          condition: bySpend,
          description: translated('kontorwerk-campaigns:loyaltyCurrencyDescription'),
        },
        label: translated('kontorwerk-campaigns:loyaltyCurrency'),
        validate: requiredWhen(
          bySpend,
          'Währung als ISO-Code (z. B. EUR) / currency as an ISO code (e.g. EUR)',
          (value) => /^[A-Z]{3}$/.test(String(value)),
        ),
      },
      {
        name: 'loyaltyCloseWithin',
        type: 'number',
        admin: {
          condition: (data) => bySpend(data) && data?.loyaltyMoment === 'close',
          description: translated('kontorwerk-campaigns:loyaltyCloseWithinDescription'),
        },
        label: translated('kontorwerk-campaigns:loyaltyCloseWithin'),
        min: 0,
        validate: requiredWhen(
          (data) => bySpend(data) && data?.loyaltyMoment === 'close',
          'Abstand fehlt (z. B. 50) / distance missing',
          (value) => Number(value) > 0,
        ),
      },
      {
        name: 'loyaltyPeriodDays',
        type: 'number',
        admin: { description: translated('kontorwerk-campaigns:loyaltyPeriodDaysDescription'), step: 1 },
        label: translated('kontorwerk-campaigns:loyaltyPeriodDays'),
        min: 0,
      },
    ],
  },
]
