import type { RuleGroupType } from 'react-querybuilder'

import { useConfig } from '@payloadcms/ui'
import React from 'react'

import type { PreviewState } from './preview'
import type { Lang, Text } from './text'

import { describePath } from './tree'

/** Live count, a sample of members, or the problems the server found, next to the builder. */
export function PreviewPanel({
  lang,
  preview,
  query,
  t,
}: {
  lang: Lang
  preview: null | PreviewState
  query: RuleGroupType
  t: Text
}) {
  const { config } = useConfig()
  const pending = !preview || Boolean(preview.pending)
  return (
    <section aria-label={t.preview} className="segment-preview">
      <p aria-busy={pending} aria-live="polite" className="segment-preview-count">
        {preview?.kind === 'count' && (
          <>
            <strong data-count={preview.count}>
              {preview.count.toLocaleString(lang === 'de' ? 'de-DE' : 'en-GB')}
            </strong>{' '}
            {preview.count === 1 ? t.member : t.members}
          </>
        )}
      </p>
      {preview?.kind === 'count' && preview.sample.length > 0 && (
        <div className="segment-preview-sample">
          <span>{t.sample}: </span>
          <ul>
            {preview.sample.map((member) => (
              <li key={member.id}>
                <a href={`${config.routes.admin}/collections/subscribers/${member.id}`}>
                  {member.email ?? `#${member.id}`}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
      {preview?.kind === 'count' && preview.sampleWithheld && (
        <p className="segment-preview-withheld">{t.sampleWithheld}</p>
      )}
      {preview?.kind === 'problems' && (
        <div className="segment-preview-problems" role="alert">
          <p>{t.problems}</p>
          <ul>
            {preview.problems.map((problem, index) => (
              <li key={index}>
                <strong>{describePath(problem.path, query, t)}</strong>: {problem.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {preview?.kind === 'failed' && (
        <p className="segment-preview-failed" role="alert">
          {t.failed}: {preview.message}
        </p>
      )}
    </section>
  )
}
