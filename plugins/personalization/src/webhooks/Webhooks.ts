import type { CollectionConfig, PayloadRequest } from 'payload'

import { isAdmin } from '../access/roles'
import { localized } from '../i18n/translations'
import { webhookUrlProblem } from '../security/webhookTargets'
import { option, texts, translated } from '../translations'
import { newWebhookSecret } from './signature'
import { WEBHOOK_EVENT_TYPES, WEBHOOKS } from './webhookEvents'

/**
 * Outgoing webhooks: a URL, the events it wants, a signing secret and a switch. Admins only, as
 * the secret and the URL decide where personal data goes. The URL passes the same guard as every
 * webhook (security/webhookTargets.ts): public addresses only unless the host allows private ones.
 */
export const Webhooks: CollectionConfig = {
  slug: WEBHOOKS,
  access: { create: isAdmin, delete: isAdmin, read: isAdmin, update: isAdmin },
  admin: {
    defaultColumns: ['name', 'url', 'events', 'active'],
    group: texts('kontorwerk-personalization:groupSettings'),
    useAsTitle: 'name',
  },
  fields: [
    { name: 'name', type: 'text', label: translated('kontorwerk-personalization:webhookName'), required: true },
    {
      name: 'url',
      type: 'text',
      admin: { description: translated('kontorwerk-personalization:webhookUrlDescription') },
      label: translated('kontorwerk-personalization:webhookUrl'),
      required: true,
      validate: async (
        value: null | string | undefined,
        { event, req }: { event?: 'onChange' | 'submit'; req: PayloadRequest },
      ) => {
        if (!value) return localized(req, texts('kontorwerk-personalization:webhookInvalidUrl'))
        // While typing only the form (no DNS lookup per keystroke); the save resolves the host.
        const problem = await webhookUrlProblem(req.payload, value, { resolve: event !== 'onChange' })
        return problem ? localized(req, problem) : true
      },
    },
    {
      name: 'events',
      type: 'select',
      hasMany: true,
      label: translated('kontorwerk-personalization:webhookEvents'),
      options: WEBHOOK_EVENT_TYPES.map((type) => option(type, `kontorwerk-personalization:webhookEvent_${type}`)),
      required: true,
    },
    {
      name: 'secret',
      type: 'text',
      admin: { description: translated('kontorwerk-personalization:webhookSecretDescription') },
      label: translated('kontorwerk-personalization:webhookSecret'),
    },
    {
      name: 'active',
      type: 'checkbox',
      defaultValue: true,
      label: translated('kontorwerk-personalization:webhookActive'),
    },
  ],
  hooks: {
    // A webhook without a secret could not be verified by its receiver: one is made when none is given.
    beforeChange: [({ data }) => (data.secret ? data : { ...data, secret: newWebhookSecret() })],
  },
  labels: {
    plural: translated('kontorwerk-personalization:webhooksPlural'),
    singular: translated('kontorwerk-personalization:webhooksSingular'),
  },
}
