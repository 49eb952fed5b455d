import type { UIField } from 'payload'

import { shownToAdmins } from '@kontorwerk/personalization'

/** Consent state and ledger on the subscriber's page; only admins may read the ledger. */
export const consentHistoryField: UIField = {
  name: 'consentHistory',
  type: 'ui',
  admin: {
    components: { Field: '@kontorwerk/consent/client#ConsentHistory' },
    condition: shownToAdmins,
  },
}
