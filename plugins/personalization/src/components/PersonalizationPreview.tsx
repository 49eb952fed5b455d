'use client'

import { Button, useAuth, useDocumentInfo, useFormFields, useTranslation } from '@payloadcms/ui'
import React, { useEffect, useState } from 'react'

import type { PersonalizationTranslationKey, PersonalizationTranslations } from '../translations'

import { PreviewReaderView, type ReaderDocument } from './PreviewReaderView'

type Option = { label: string; value: string }
type PreviewBlock = { id: string; reason: { explanation: string; kind: string }; title: string }
type Preview = ReaderDocument & { locale: string; slots: { blocks: PreviewBlock[]; key: string; label: string }[] }

/** The explanation in the admin's language (not the reader's): the editor reads it, the reader never does. */
const BLOCK_FIELDS = 'id title reason { kind explanation(language: $language) }'

async function options(collection: string, labelField: string, valueField: string): Promise<Option[]> {
  const response = await fetch(`/api/${collection}?limit=200&depth=0&sort=${labelField}`, { credentials: 'include' })
  const { docs } = (await response.json()) as { docs: Record<string, string>[] }
  return docs.map((doc) => ({ label: doc[labelField], value: doc[valueField] }))
}

/**
 * Shows an editor what a persona / stage / interest mix (or, for admins, a real subscriber) would get,
 * with the reason for every block. Uses the same GraphQL queries as frontends.
 */
export function PersonalizationPreview() {
  const { collectionSlug } = useDocumentInfo()
  const slug = useFormFields(([fields]) => fields.slug?.value as string | undefined)
  const { user } = useAuth<{ role?: string }>()
  const { i18n, t } = useTranslation<PersonalizationTranslations, PersonalizationTranslationKey>()
  const adminLanguage = i18n.language === 'en' ? 'en' : 'de'

  const [choices, setChoices] = useState<{ interests: Option[]; personas: Option[]; stages: Option[] }>({
    interests: [],
    personas: [],
    stages: [],
  })
  const [persona, setPersona] = useState('')
  const [stage, setStage] = useState('')
  const [interest, setInterest] = useState('')
  const [locale, setLocale] = useState('de')
  const [subscriber, setSubscriber] = useState('')
  const [preview, setPreview] = useState<null | Preview>(null)
  const [error, setError] = useState<null | string>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    void Promise.all([
      options('personas', 'name', 'slug'),
      options('lifecycle-stages', 'label', 'key'),
      options('interests', 'label', 'slug'),
    ]).then(([personas, stages, interests]) => setChoices({ interests, personas, stages }))
  }, [])

  const newsletter = collectionSlug === 'newsletters'

  async function run() {
    setBusy(true)
    setError(null)
    const context = {
      interests: interest ? [{ interest, weight: 1 }] : [],
      locale,
      persona: persona || null,
      stage: stage || null,
    }
    const reader = subscriber ? { subscriber } : { context }
    const variables =
      '$slug: String!, $subscriber: ID, $context: PersonalizationContextInput, $language: PersonalizationExplanationLanguage'
    const query = newsletter
      ? `query(${variables}) { result: personalizedNewsletter(newsletter: $slug, subscriber: $subscriber, context: $context) { locale subject preheader html text slots { key label blocks { ${BLOCK_FIELDS} } } } }`
      : `query(${variables}) { result: personalizedLandingPage(slug: $slug, subscriber: $subscriber, context: $context) { locale html slots: sections { key label blocks { ${BLOCK_FIELDS} } } } }`
    try {
      const response = await fetch('/api/graphql', {
        body: JSON.stringify({ query, variables: { language: adminLanguage, slug, ...reader } }),
        credentials: 'include',
        headers: { 'content-type': 'application/json' },
        method: 'POST',
      })
      const { data, errors } = (await response.json()) as { data?: { result: Preview }; errors?: { message: string }[] }
      if (errors?.length) throw new Error(errors.map((e) => e.message).join('; '))
      setPreview(data!.result)
    } catch (failure) {
      setPreview(null)
      setError((failure as Error).message)
    } finally {
      setBusy(false)
    }
  }

  if (!slug) return <p>{t('kontorwerk-personalization:previewSaveFirst')}</p>

  const select = (id: string, text: string, value: string, onChange: (value: string) => void, list: Option[]) => (
    <label htmlFor={id} style={{ display: 'grid', gap: 4 }}>
      <span>{text}</span>
      <select id={id} onChange={(event) => onChange(event.target.value)} style={{ padding: 6 }} value={value}>
        <option value="">{t('kontorwerk-personalization:previewAny')}</option>
        {list.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  )

  return (
    <section
      aria-label={t('kontorwerk-personalization:previewHeading')}
      style={{
        border: '1px solid var(--theme-elevation-150)',
        borderRadius: 4,
        display: 'grid',
        gap: 12,
        marginTop: 24,
        padding: 16,
      }}
    >
      <h3 style={{ margin: 0 }}>{t('kontorwerk-personalization:previewHeading')}</h3>
      <p style={{ margin: 0 }}>{t('kontorwerk-personalization:previewHint')}</p>
      <div style={{ display: 'grid', gap: 12, gridTemplateColumns: 'repeat(auto-fit, minmax(180px, 1fr))' }}>
        {select(
          'preview-persona',
          t('kontorwerk-personalization:previewPersona'),
          persona,
          setPersona,
          choices.personas,
        )}
        {select('preview-stage', t('kontorwerk-personalization:previewStage'), stage, setStage, choices.stages)}
        {select(
          'preview-interest',
          t('kontorwerk-personalization:previewInterest'),
          interest,
          setInterest,
          choices.interests,
        )}
        {select('preview-locale', t('kontorwerk-personalization:previewLanguage'), locale, setLocale, [
          { label: 'Deutsch', value: 'de' },
          { label: 'English', value: 'en' },
        ])}
        {user?.role === 'admin' && (
          <label htmlFor="preview-subscriber" style={{ display: 'grid', gap: 4 }}>
            <span>{t('kontorwerk-personalization:previewSubscriber')}</span>
            <input
              id="preview-subscriber"
              onChange={(event) => setSubscriber(event.target.value.trim())}
              style={{ padding: 6 }}
              value={subscriber}
            />
          </label>
        )}
      </div>
      <div>
        <Button buttonStyle="secondary" disabled={busy} onClick={() => void run()} type="button">
          {busy ? t('kontorwerk-personalization:previewRendering') : t('kontorwerk-personalization:previewRender')}
        </Button>
      </div>
      {error && (
        <p role="alert" style={{ color: 'var(--theme-error-500)' }}>
          {error}
        </p>
      )}
      {preview && (
        <div style={{ display: 'grid', gap: 12 }}>
          <p>
            <strong>{t('kontorwerk-personalization:previewDocumentLanguage')}:</strong>{' '}
            {new Intl.DisplayNames([adminLanguage], { type: 'language' }).of(preview.locale) ?? preview.locale}
          </p>
          <table className="preview-reasons">
            <thead>
              <tr>
                <th scope="col">{t('kontorwerk-personalization:previewSlot')}</th>
                <th scope="col">{t('kontorwerk-personalization:previewBlock')}</th>
                <th scope="col">{t('kontorwerk-personalization:previewWhy')}</th>
              </tr>
            </thead>
            <tbody>
              {preview.slots.flatMap((slot) =>
                slot.blocks.map((block) => (
                  <tr key={`${slot.key}-${block.id}`}>
                    <td>{slot.label}</td>
                    <td>{block.title}</td>
                    <td>{block.reason.explanation}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
          <PreviewReaderView document={preview} />
        </div>
      )}
    </section>
  )
}
