import type { UIField } from 'payload'

/** The personalized preview (persona/stage/interest or a subscriber) below a newsletter's or page's fields. */
export const previewField: UIField = {
  name: 'personalizationPreview',
  type: 'ui',
  admin: { components: { Field: '@kontorwerk/personalization/client#PersonalizationPreview' } },
}
