import { useEffect, useState } from 'react'

import type { SegmentOptions } from '../../endpoints/options'

/** The dropdown lists (personas, interests, stages …) in the admin language, loaded once. */
export function useSegmentOptions(): { data: null | SegmentOptions; failed: null | string } {
  const [state, setState] = useState<{ data: null | SegmentOptions; failed: null | string }>({
    data: null,
    failed: null,
  })
  useEffect(() => {
    const controller = new AbortController()
    fetch('/api/segments/options', { credentials: 'include', signal: controller.signal })
      .then(async (response) => {
        if (!response.ok) throw new Error(`${response.status} ${await response.text()}`)
        setState({ data: (await response.json()) as SegmentOptions, failed: null })
      })
      .catch((error: Error) => controller.signal.aborted || setState({ data: null, failed: error.message }))
    return () => controller.abort()
  }, [])
  return state
}
