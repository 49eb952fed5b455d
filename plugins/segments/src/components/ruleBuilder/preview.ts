import type { RuleGroupType } from 'react-querybuilder'

import { useEffect, useState } from 'react'

import type { RuleProblem } from '../../rules/types'

import { EMPTY } from './tree'

type Sample = { email?: string; id: string }
type Preview =
  | { count: number; kind: 'count'; sample: Sample[]; sampleWithheld?: boolean }
  | { kind: 'failed'; message: string }
  | { kind: 'problems'; problems: RuleProblem[] }
/** The last answer, marked pending while a newer request is under way. */
export type PreviewState = Preview & { pending?: boolean }

const PREVIEW_DELAY_MS = 400

/** Asks the server how many subscribers the rules match, once the editor pauses typing. */
export function usePreview(rules: null | RuleGroupType, docId: null | string): null | PreviewState {
  const [preview, setPreview] = useState<null | PreviewState>(null)
  const body = JSON.stringify({ rules: rules ?? EMPTY, segment: docId })
  useEffect(() => {
    const controller = new AbortController()
    setPreview((previous) => (previous ? { ...previous, pending: true } : previous))
    const timer = setTimeout(() => {
      fetchPreview(body, controller.signal)
        .then(setPreview)
        .catch((error: Error) => controller.signal.aborted || setPreview({ kind: 'failed', message: error.message }))
    }, PREVIEW_DELAY_MS)
    return () => {
      clearTimeout(timer)
      controller.abort()
    }
  }, [body])
  return preview
}

async function fetchPreview(body: string, signal: AbortSignal): Promise<Preview> {
  const response = await fetch('/api/segments/preview', {
    body,
    credentials: 'include',
    headers: { 'content-type': 'application/json' },
    method: 'POST',
    signal,
  })
  const result = (await response.json().catch(() => ({}))) as {
    count?: number
    errors?: { message: string; path?: string }[]
    sample?: Sample[]
    sampleWithheld?: boolean
  }
  if (response.ok && typeof result.count === 'number')
    return { count: result.count, kind: 'count', sample: result.sample ?? [], sampleWithheld: result.sampleWithheld }
  const errors = result.errors ?? []
  if (response.status === 400 && errors.length > 0)
    return {
      kind: 'problems',
      problems: errors.map((error) => ({ message: error.message, path: error.path ?? 'root' })),
    }
  return { kind: 'failed', message: errors.map((error) => error.message).join('; ') || `HTTP ${response.status}` }
}
