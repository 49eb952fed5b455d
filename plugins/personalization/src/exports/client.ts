'use client'

/** Client components of the admin UI, referenced by path: '@kontorwerk/personalization/client#PersonalizationPreview'. */
export { PersonalizationPreview } from '../components/PersonalizationPreview'
export { ArrayRowLabel } from '../components/ArrayRowLabel'
export { eventTypeKey } from '../events/eventTypeKey'
export { ReplayDeliveryButton } from '../components/ReplayDeliveryButton'
