/**
 * The reference app's own admin labels and messages (its users, media, HTTP refusals) and its seed
 * content, in both languages. The packages ship their texts in translations/ instead.
 */
export type Label = { de: string; en: string }

export const label = (de: string, en: string): Label => ({ de, en })

export const option = <V extends string>(value: V, de: string, en: string) => ({
  label: label(de, en),
  value,
})
