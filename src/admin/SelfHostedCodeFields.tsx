'use client'

import type { CodeFieldClientProps, JSONFieldClientProps } from 'payload'

import { CodeField, JSONField, ShimmerEffect } from '@payloadcms/ui'
import React, { useEffect, useState } from 'react'

import { localMonaco } from './localMonaco'

/** True once Monaco from this app is on the page (localMonaco). */
function useLocalMonaco(): boolean {
  const [ready, setReady] = useState(false)
  useEffect(() => {
    let live = true
    void localMonaco().then(() => live && setReady(true))
    return () => {
      live = false
    }
  }, [])
  return ready
}

/** Payload's JSON field, mounted once Monaco from this app is there (no CDN): see src/admin/selfHostedCodeEditor.ts. */
export function SelfHostedJSONField(props: JSONFieldClientProps) {
  return useLocalMonaco() ? <JSONField {...props} /> : <ShimmerEffect height={56} />
}

/** Payload's code field, mounted once Monaco from this app is there (no CDN): see src/admin/selfHostedCodeEditor.ts. */
export function SelfHostedCodeField(props: CodeFieldClientProps) {
  return useLocalMonaco() ? <CodeField {...props} /> : <ShimmerEffect height={56} />
}
