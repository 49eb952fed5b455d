/** Options over defaults, where an option left `undefined` keeps its default (a spread would erase it). */
export function withDefaults<T extends object>(defaults: T, options: { [K in keyof T]?: T[K] | undefined }): T {
  const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined))
  return { ...defaults, ...given } as T
}
