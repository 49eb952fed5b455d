import type { UIField } from 'payload'

/** Consent state and ledger on the subscriber's page; only admins may read the ledger. */
export const consentHistoryField: UIField = {
  name: 'consentHistory',
  type: 'ui',
  admin: {
    components: { Field: '/plugins/consent/components/ConsentHistory#ConsentHistory' },
    condition: (_data, _siblingData, { user }) => (user as { role?: string } | null)?.role === 'admin',
  },
}
