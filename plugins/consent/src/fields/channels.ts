import { channelOptions } from '@kontorwerk/personalization'

import { option } from '../translations'

/** Consent is per channel; post (letters) counts too, though the product does not send it. */
export const CONSENT_CHANNEL_OPTIONS = [
  ...channelOptions.filter((o) => o.value !== 'landing_page' && o.value !== 'web'),
  option('post', 'kontorwerk-consent:channelPost'),
]
