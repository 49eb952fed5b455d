/**
 * The translation key of an event type's name: `form_submitted` → `kontorwerk-personalization:eventTypeFormSubmitted`.
 * Pure, so admin components can name types too (through the client entry).
 */
export const eventTypeKey = (type: string) =>
  `kontorwerk-personalization:eventType${type.replace(/(?:^|_)([a-z])/g, (_, letter: string) => letter.toUpperCase())}` as const
