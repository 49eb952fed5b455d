'use client'

import loader from '@monaco-editor/loader'

import { MONACO_ASSETS_PATH } from './monacoAssets'

let loading: Promise<void> | undefined

/**
 * Loads Monaco from this app (src/server.ts serves the installed monaco-editor) and leaves it as
 * `window.monaco`, once per page.
 *
 * Why a global: @payloadcms/ui bundles its own copy of @monaco-editor/loader, configured for
 * cdn.jsdelivr.net and not reachable for `loader.config`. That loader takes a Monaco it finds as
 * `window.monaco` instead of fetching one, and decides at the first editor it initialises, for the
 * whole page session: so every code and JSON field waits for this before Payload's editor mounts
 * (SelfHostedCodeFields). If the files cannot be loaded (a host that does not serve them), the
 * fields fall back to Payload's own loading.
 */
export function localMonaco(): Promise<void> {
  loading ??= (() => {
    const page = window as unknown as { monaco?: { editor?: unknown } }
    if (page.monaco?.editor) return Promise.resolve()
    loader.config({ paths: { vs: MONACO_ASSETS_PATH } })
    return loader.init().then(
      (monaco) => {
        page.monaco ??= monaco
      },
      () => undefined,
    )
  })()
  return loading
}
