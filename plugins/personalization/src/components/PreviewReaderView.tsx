'use client'

import { Button, useTranslation } from '@payloadcms/ui'
import React, { useState } from 'react'

import type { PersonalizationTranslationKey, PersonalizationTranslations } from '../translations'

export type ReaderDocument = { html: string; preheader?: string; subject?: string; text?: string }

type View = 'html' | 'mobile' | 'text'

/** A phone's CSS width (iPhone SE / mini): a newsletter must read there without sideways scrolling. */
const MOBILE_WIDTH = 375

/**
 * The rendered document as the reader gets it: for a mail the inbox line first (subject and preheader,
 * personalized, in the reader's language), then the body as HTML, as the plain-text part a text-only
 * client shows, or at a phone's width. Landing pages have no plain-text part.
 */
export function PreviewReaderView({ document }: { document: ReaderDocument }) {
  const { t } = useTranslation<PersonalizationTranslations, PersonalizationTranslationKey>()
  const [view, setView] = useState<View>('html')
  const views: { label: string; value: View }[] = [
    { label: t('kontorwerk-personalization:previewViewHtml'), value: 'html' },
    ...(document.text != null
      ? [{ label: t('kontorwerk-personalization:previewViewText'), value: 'text' as const }]
      : []),
    { label: t('kontorwerk-personalization:previewViewMobile', { width: MOBILE_WIDTH }), value: 'mobile' },
  ]
  const frameStyle: React.CSSProperties = {
    background: '#fff',
    border: '1px solid var(--theme-elevation-150)',
    display: 'block',
    height: 700,
    width: view === 'mobile' ? MOBILE_WIDTH : '100%',
  }

  return (
    <div style={{ display: 'grid', gap: 12 }}>
      {document.subject != null && (
        <dl
          aria-label={t('kontorwerk-personalization:previewInbox')}
          style={{ border: '1px solid var(--theme-elevation-150)', borderRadius: 4, margin: 0, padding: 12 }}
        >
          <dt style={{ fontWeight: 600 }}>{t('kontorwerk-personalization:previewSubject')}</dt>
          <dd className="preview-subject" style={{ margin: '0 0 8px' }}>
            {document.subject}
          </dd>
          <dt style={{ fontWeight: 600 }}>{t('kontorwerk-personalization:previewPreheader')}</dt>
          <dd className="preview-preheader" style={{ margin: 0 }}>
            {document.preheader || t('kontorwerk-personalization:previewNoPreheader')}
          </dd>
        </dl>
      )}
      <div aria-label={t('kontorwerk-personalization:previewView')} role="group" style={{ display: 'flex', gap: 8 }}>
        {views.map((option) => (
          <Button
            buttonStyle={view === option.value ? 'primary' : 'secondary'}
            extraButtonProps={{ 'aria-pressed': view === option.value }}
            key={option.value}
            margin={false}
            onClick={() => setView(option.value)}
            size="small"
            type="button"
          >
            {option.label}
          </Button>
        ))}
      </div>
      {view === 'text' ? (
        <pre
          aria-label={t('kontorwerk-personalization:previewViewText')}
          className="preview-text"
          style={{ ...frameStyle, color: '#1f1f1f', margin: 0, overflow: 'auto', padding: 16, whiteSpace: 'pre-wrap' }}
          tabIndex={0}
        >
          {document.text}
        </pre>
      ) : (
        <iframe
          sandbox=""
          srcDoc={document.html}
          style={frameStyle}
          title={t('kontorwerk-personalization:previewFrame')}
        />
      )}
    </div>
  )
}
