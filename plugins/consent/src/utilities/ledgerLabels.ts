import type { ConsentTranslationKey } from '../translations'

/** `preference_center` → `PreferenceCenter`: how option keys spell a stored value. */
const pascal = (value: string) =>
  value
    .split('_')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('')

/**
 * The translation keys of a ledger entry's stored values (purpose, action, source, channel), so the
 * admin reads "Marketing · Bestätigt · E-Mail · Formular" instead of the stored keys. Channels other
 * than post are the core's (its channel options); an unknown value keeps its key as the text.
 */
export const ledgerKeys = {
  action: (value: string) => `kontorwerk-consent:action${pascal(value)}` as ConsentTranslationKey,
  channel: (value: string) =>
    value === 'post' ? 'kontorwerk-consent:channelPost' : `kontorwerk-personalization:channel${pascal(value)}`,
  purpose: (value: string) => `kontorwerk-consent:purpose${pascal(value)}` as ConsentTranslationKey,
  source: (value: string) => `kontorwerk-consent:source${pascal(value)}` as ConsentTranslationKey,
}
