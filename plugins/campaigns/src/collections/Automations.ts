import type { CollectionConfig } from 'payload'

import { isStaff } from '@kontorwerk/personalization'
import { label, option } from '@kontorwerk/personalization'
import { automationList } from '../automation/enroll'
import { AUTOMATIONS } from '../defaults'
import { retireAutomation, syncStepCampaigns } from '../hooks/syncStepCampaigns'

export const TRIGGERS = ['double_opt_in', 'stage_changed', 'first_purchase', 'segment_entry', 'birthday'] as const
export type Trigger = (typeof TRIGGERS)[number]

/**
 * A trigger and a small sequence of steps (docs/plugins/campaigns.md#automations): welcome series after the double opt-in,
 * onboarding after the first purchase, reactivation (a segment "no engagement for N days"),
 * birthday, "stage changed to X". Steps wait, send a newsletter, check a segment, or exit.
 * A subscriber is in one automation at most once at a time.
 */
export const Automations: CollectionConfig = {
  slug: AUTOMATIONS,
  access: { create: isStaff, delete: isStaff, read: isStaff, update: isStaff },
  admin: { defaultColumns: ['name', 'trigger', 'active'], group: label('Ausspielung', 'Delivery'), useAsTitle: 'name' },
  fields: [
    { name: 'name', type: 'text', label: label('Name', 'Name'), required: true },
    {
      type: 'row',
      fields: [
        {
          name: 'trigger',
          type: 'select',
          label: label('Auslöser', 'Trigger'),
          options: [
            option('double_opt_in', 'Double-Opt-in bestätigt', 'Double opt-in confirmed'),
            option('stage_changed', 'Phase geändert zu …', 'Stage changed to …'),
            option('first_purchase', 'Erster Kauf', 'First purchase'),
            option('segment_entry', 'Eintritt in Segment (z. B. N Tage inaktiv)', 'Entering a segment (e.g. N days inactive)'),
            option('birthday', 'Geburtstag', 'Birthday'),
          ],
          required: true,
        },
        { name: 'active', type: 'checkbox', defaultValue: false, label: label('Aktiv', 'Active') },
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'topic',
          type: 'relationship',
          admin: { description: label('Einwilligung für dieses Thema ist nötig (und löst beim Double-Opt-in aus); leer: allgemein.', 'Consent for this topic is needed (and triggers on double opt-in); empty: general.') },
          label: label('Thema', 'Topic'),
          relationTo: 'topics',
        },
        { name: 'stage', type: 'relationship', admin: { condition: (data) => data?.trigger === 'stage_changed' }, label: label('Zielphase', 'Target stage'), relationTo: 'lifecycle-stages' },
        { name: 'segment', type: 'relationship', admin: { condition: (data) => data?.trigger === 'segment_entry' }, label: label('Segment', 'Segment'), relationTo: 'segments' },
        {
          name: 'birthdayAttribute',
          type: 'text',
          admin: { condition: (data) => data?.trigger === 'birthday', description: label('Eigenes Attribut mit dem Datum (JJJJ-MM-TT oder MM-TT).', 'Custom attribute holding the date (YYYY-MM-DD or MM-DD).') },
          defaultValue: 'birthday',
          label: label('Attribut', 'Attribute'),
        },
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'reentryDays',
          type: 'number',
          admin: { description: label('Frühestens so viele Tage nach dem letzten Durchlauf wieder (Segment, Geburtstag: 1 Jahr).', 'At the earliest this many days after the last run (segment; birthday: a year).') },
          defaultValue: 90,
          label: label('Wiedereintritt nach (Tagen)', 'Re-entry after (days)'),
          min: 0,
        },
        {
          name: 'countsTowardCaps',
          type: 'checkbox',
          admin: { description: label('Aus: Serienmails zählen nicht gegen Frequenz-Obergrenzen (Einwilligung, Pause und „nur Wichtiges“ gelten immer).', 'Off: series mails are exempt from frequency caps (consent, pause and "important only" always apply).') },
          defaultValue: false,
          label: label('Zählt für Frequenzgrenzen', 'Counts toward caps'),
        },
        { name: 'exitOnEngagement', type: 'checkbox', admin: { description: label('Ein Klick, Besuch oder Kauf beendet den Durchlauf (Reaktivierung).', 'A click, visit or purchase ends the run (reactivation).') }, label: label('Bei Reaktion beenden', 'Stop on engagement') },
      ],
    },
    {
      name: 'steps',
      type: 'array',
      fields: [
        {
          type: 'row',
          fields: [
            {
              name: 'type',
              type: 'select',
              label: label('Schritt', 'Step'),
              options: [option('wait', 'Warten', 'Wait'), option('send', 'Newsletter senden', 'Send newsletter'), option('check', 'Bedingung prüfen', 'Check condition'), option('exit', 'Beenden', 'Exit')],
              required: true,
            },
            { name: 'days', type: 'number', admin: { condition: (_, sibling) => sibling?.type === 'wait' }, label: label('Tage', 'Days'), min: 0 },
            { name: 'newsletter', type: 'relationship', admin: { condition: (_, sibling) => sibling?.type === 'send' }, label: label('Newsletter', 'Newsletter'), relationTo: 'newsletters' },
            { name: 'segment', type: 'relationship', admin: { condition: (_, sibling) => sibling?.type === 'check' }, label: label('Segment', 'Segment'), relationTo: 'segments' },
            {
              name: 'expect',
              type: 'select',
              admin: { condition: (_, sibling) => sibling?.type === 'check' },
              defaultValue: 'member',
              label: label('Weiter, wenn', 'Continue if'),
              options: [option('member', 'Mitglied', 'member'), option('not_member', 'kein Mitglied', 'not a member')],
            },
          ],
        },
      ],
      label: label('Schritte', 'Steps'),
      labels: { plural: label('Schritte', 'Steps'), singular: label('Schritt', 'Step') },
      minRows: 1,
      validate: (steps: unknown) => {
        const list = (Array.isArray(steps) ? steps : []) as { days?: null | number; newsletter?: unknown; segment?: unknown; type?: string }[]
        const wrong = list.findIndex((step) => (step.type === 'wait' && !(Number(step.days) >= 0 && step.days != null)) || (step.type === 'send' && !step.newsletter) || (step.type === 'check' && !step.segment))
        return wrong < 0 || `Schritt ${wrong + 1}: Warten braucht Tage, Senden einen Newsletter, Prüfen ein Segment / step ${wrong + 1} is incomplete`
      },
    },
  ],
  hooks: { afterChange: [syncStepCampaigns, ...automationList.hooks.afterChange], afterDelete: automationList.hooks.afterDelete, beforeDelete: [retireAutomation] },
  labels: { plural: label('Automationen', 'Automations'), singular: label('Automation', 'Automation') },
}
