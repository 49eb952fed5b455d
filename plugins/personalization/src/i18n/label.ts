/** Admin UI labels come in the two supported admin languages. */
export type Label = { de: string; en: string }

export const label = (de: string, en: string): Label => ({ de, en })

export const option = <V extends string>(value: V, de: string, en: string) => ({
  label: label(de, en),
  value,
})
