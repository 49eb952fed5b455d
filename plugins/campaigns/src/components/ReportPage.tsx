import type { AdminViewServerProps } from 'payload'

import { DefaultTemplate } from '@payloadcms/next/templates'
import { Gutter } from '@payloadcms/ui'
import React from 'react'

/** The frame of a report view in the admin (Payload's template with the navigation, a heading): wraps the page's content. */
export function reportPage(
  { initPageResult, params, searchParams }: AdminViewServerProps,
  className: string,
  title: string,
) {
  const { locale, permissions, req, visibleEntities } = initPageResult
  return (children: React.ReactNode) => (
    <DefaultTemplate
      i18n={req.i18n}
      locale={locale}
      params={params}
      payload={req.payload}
      permissions={permissions}
      searchParams={searchParams}
      user={req.user ?? undefined}
      visibleEntities={visibleEntities}
    >
      <Gutter className={className}>
        <h1>{title}</h1>
        {children}
      </Gutter>
    </DefaultTemplate>
  )
}
