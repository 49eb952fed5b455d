import type { UIField } from 'payload'

import { shownToAdmins } from '../../../src/access/roles'

/** Consent state and ledger on the subscriber's page; only admins may read the ledger. */
export const consentHistoryField: UIField = {
  name: 'consentHistory',
  type: 'ui',
  admin: {
    components: { Field: '/plugins/consent/components/ConsentHistory#ConsentHistory' },
    condition: shownToAdmins,
  },
}
