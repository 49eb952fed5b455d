import type { GroupField } from 'payload'

import { validLiquid } from '@kontorwerk/personalization'
import { label, option } from '@kontorwerk/personalization'

/**
 * A/B test of a campaign (docs/plugins/campaigns.md#ab-tests): variants of the subject and/or one slot's block, each with a
 * share of the audience; an optional holdout that gets nothing (to measure the campaign itself);
 * whatever share is left waits and gets the winner, chosen by a metric after a set time.
 */
export const abTestField: GroupField = {
  name: 'abTest',
  type: 'group',
  admin: {
    description: label(
      'Optional. Anteile + Kontrollgruppe ≤ 100 %; der Rest erhält nach der Wartezeit die Gewinnervariante.',
      'Optional. Shares + holdout ≤ 100 %; the rest gets the winning variant after the waiting time.',
    ),
  },
  fields: [
    {
      name: 'variants',
      type: 'array',
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'key', type: 'text', label: label('Name', 'Name'), maxLength: 20, required: true, validate: (value: null | string | undefined) => !value || /^[A-Za-z0-9_-]+$/.test(value) || 'Letters, digits, - and _' },
            { name: 'share', type: 'number', label: label('Anteil (%)', 'Share (%)'), max: 100, min: 1, required: true },
          ],
        },
        { name: 'subject', type: 'text', admin: { description: label('Leer: Betreff des Newsletters.', "Empty: the newsletter's subject.") }, label: label('Betreff', 'Subject'), maxLength: 200, validate: validLiquid },
        {
          type: 'row',
          fields: [
            { name: 'slot', type: 'text', admin: { description: label('Schlüssel des Slots, dessen Block getestet wird.', 'Key of the slot whose block is tested.') }, label: label('Slot', 'Slot') },
            { name: 'block', type: 'relationship', label: label('Block', 'Block'), relationTo: 'content-blocks' },
          ],
        },
      ],
      label: label('Varianten', 'Variants'),
      labels: { plural: label('Varianten', 'Variants'), singular: label('Variante', 'Variant') },
    },
    {
      type: 'row',
      fields: [
        { name: 'holdoutPercent', type: 'number', defaultValue: 0, label: label('Kontrollgruppe (%)', 'Holdout (%)'), max: 50, min: 0 },
        {
          name: 'winnerMetric',
          type: 'select',
          defaultValue: 'unique_click_rate',
          label: label('Gewinner nach', 'Winner by'),
          options: [option('unique_click_rate', 'Klickrate (eindeutig)', 'Unique click rate'), option('conversion_rate', 'Conversion-Rate', 'Conversion rate')],
        },
        { name: 'decideAfterHours', type: 'number', defaultValue: 4, label: label('Entscheidung nach (Stunden)', 'Decide after (hours)'), max: 336, min: 0 },
      ],
    },
  ],
  label: label('A/B-Test', 'A/B test'),
}
