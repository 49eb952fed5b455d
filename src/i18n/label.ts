/** The reference app's own admin labels and messages (its users, media, HTTP refusals) and seed content, in both admin languages; the packages ship theirs in translations/. */
export type Label = { de: string; en: string }

export const label = (de: string, en: string): Label => ({ de, en })

export const option = <V extends string>(value: V, de: string, en: string) => ({
  label: label(de, en),
  value,
})
