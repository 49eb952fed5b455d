import type { CollectionConfig } from 'payload'

import { isAdmin, isStaff } from '@kontorwerk/personalization'
import { relationsExist } from '@kontorwerk/personalization'
import { label } from '@kontorwerk/personalization'

export const STAGE_RULES = 'stage-rules'

const threshold = (name: string, de: string, en: string) => ({ name, type: 'number' as const, label: label(de, en) })

/**
 * Thresholds that move lifecycle stages (docs/plugins/lead-scoring.md#stage-thresholds). All given conditions must hold. Without
 * "from stages" a rule only promotes (target later in the lifecycle than the current stage).
 * Admins only: editors see every subscriber's stage, so a threshold of theirs would read the fit
 * and total scores (personal data goes into them) one subscriber at a time, and a rule that moves
 * stages back could re-arm an admin's threshold for the next question.
 */
export const StageRules: CollectionConfig = {
  slug: STAGE_RULES,
  access: { create: isAdmin, delete: isAdmin, read: isStaff, update: isAdmin },
  admin: {
    defaultColumns: ['name', 'toStage', 'minFit', 'minTotal', 'minDaysWithoutEngagement', 'active'],
    group: label('Lead-Scoring', 'Lead scoring'),
    useAsTitle: 'name',
  },
  fields: [
    { name: 'name', type: 'text', label: label('Name', 'Name'), required: true },
    {
      type: 'row',
      fields: [
        { name: 'toStage', type: 'relationship', label: label('Neue Phase', 'New stage'), relationTo: 'lifecycle-stages', required: true, validate: relationsExist },
        {
          name: 'fromStages',
          type: 'relationship',
          admin: { description: label('Leer: jede frühere Phase.', 'Empty: any earlier stage.') },
          hasMany: true,
          label: label('Nur aus Phasen', 'Only from stages'),
          relationTo: 'lifecycle-stages',
          validate: relationsExist,
        },
        { name: 'active', type: 'checkbox', defaultValue: true, label: label('Aktiv', 'Active') },
      ],
    },
    {
      type: 'row',
      fields: [
        threshold('minFit', 'Fit mindestens', 'Fit at least'),
        threshold('minEngagement', 'Engagement mindestens', 'Engagement at least'),
        threshold('minTotal', 'Gesamt mindestens', 'Total at least'),
      ],
    },
    {
      type: 'row',
      fields: [
        { ...threshold('minDaysWithoutEngagement', 'Tage ohne Engagement, mindestens', 'Days without engagement, at least'), min: 1 },
        { ...threshold('maxDaysWithoutEngagement', 'Tage ohne Engagement, höchstens', 'Days without engagement, at most'), min: 0 },
      ],
    },
  ],
  labels: { plural: label('Phasen-Schwellen', 'Stage thresholds'), singular: label('Phasen-Schwelle', 'Stage threshold') },
}
