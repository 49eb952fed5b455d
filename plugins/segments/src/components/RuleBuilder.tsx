'use client'

import type { JSONFieldClientComponent } from 'payload'

import { getTranslation } from '@payloadcms/translations'
import { FieldError, FieldLabel, useAuth, useDocumentInfo, useField, useTranslation } from '@payloadcms/ui'
import React, { useCallback, useEffect, useMemo, useRef } from 'react'
import { QueryBuilder, type RuleGroupType, type RuleType } from 'react-querybuilder'
import 'react-querybuilder/dist/query-builder-layout.css'

import './ruleBuilder.css'

import type { SegmentsTranslationKey, SegmentsTranslations } from '../translations'

import { LIMITS } from '../rules/catalogue'
import { Action, Select, translations } from './ruleBuilder/controls'
import { builderFields } from './ruleBuilder/fields'
import { usePreview } from './ruleBuilder/preview'
import { PreviewPanel } from './ruleBuilder/PreviewPanel'
import { type EditorContext, RuleValue } from './ruleBuilder/RuleValue'
import { builderText, type Lang } from './ruleBuilder/text'
import { EMPTY, idsAt, rulesOf, withIds, withoutValueSources } from './ruleBuilder/tree'
import { useSegmentOptions } from './ruleBuilder/useSegmentOptions'
import { kindOf, valueFor } from './ruleBuilder/values'

/**
 * The segment's rule tree, edited with react-querybuilder. The stored value is exactly the query
 * object (see rules/types.ts); below it a live member count for the rules as they stand.
 */
export const RuleBuilder: JSONFieldClientComponent = ({ field, path: pathFromProps, readOnly }) => {
  const { i18n, t: translate } = useTranslation<SegmentsTranslations, SegmentsTranslationKey>()
  const lang: Lang = i18n.language === 'de' ? 'de' : 'en'
  const t = useMemo(() => builderText(translate), [translate])
  const { id } = useDocumentInfo()
  const docId = id == null ? null : String(id)
  const { disabled, path, setValue, showError, value } = useField<null | RuleGroupType>({
    potentiallyStalePath: pathFromProps,
  })
  const query = useMemo(() => withIds(value ?? EMPTY), [value])
  const options = useSegmentOptions()
  const preview = usePreview(value ?? null, docId)

  // Which field each rule had when last rendered: a new operator keeps what still fits, a new field starts fresh.
  const lastFields = useRef(new Map<string, string>())
  useEffect(() => {
    lastFields.current = new Map(rulesOf(query).map((rule) => [rule.id ?? '', rule.field]))
  }, [query])

  // Conditions on personal data are offered to admins only (the server refuses them for editors),
  // and a tree that selects by it is theirs to change: for editors the builder only shows it.
  const isAdmin = (useAuth().user as null | { role?: string })?.role === 'admin'
  const fields = useMemo(() => builderFields(translate, isAdmin), [translate, isAdmin])
  const locked = !isAdmin && preview?.kind === 'count' && Boolean(preview.sampleWithheld)
  const onQueryChange = useCallback(
    (next: RuleGroupType) => {
      const stored = withoutValueSources(next)
      if (JSON.stringify(stored) !== JSON.stringify(value)) setValue(stored)
    },
    [setValue, value],
  )
  const getDefaultValue = useCallback((rule: RuleType) => {
    const previous = rule.id && lastFields.current.get(rule.id) === rule.field ? rule.value : undefined
    return valueFor(kindOf(rule.field, rule.operator), rule.operator, previous)
  }, [])
  const problemIds = useMemo(
    () => (preview?.kind === 'problems' ? idsAt(query, preview.problems) : new Set<string>()),
    [preview, query],
  )
  const context: EditorContext = { docId, options: options.data, t }
  const label = getTranslation(field.label || field.name, i18n)

  return (
    <div className={['field-type', 'segment-rule-builder', showError && 'error'].filter(Boolean).join(' ')}>
      <FieldLabel as="span" label={field.label} path={path} required={field.required} />
      {options.failed && (
        <p role="alert">
          {t.optionsFailed}: {options.failed}
        </p>
      )}
      {!options.data && !options.failed && <p className="segment-rule-builder__loading">{t.loadingOptions}</p>}
      <div aria-label={label} className="field-type__wrap" role="group">
        <FieldError path={path} showError={showError} />
        <QueryBuilder
          combinators={[
            { label: t.and, name: 'and' },
            { label: t.or, name: 'or' },
          ]}
          context={context}
          controlClassnames={{ queryBuilder: 'queryBuilder-branches' }}
          controlElements={{ actionElement: Action, valueEditor: RuleValue, valueSelector: Select }}
          disabled={Boolean(readOnly || disabled || locked)}
          enableMountQueryChange={false}
          fields={fields}
          getDefaultValue={getDefaultValue}
          getRuleClassname={(rule) => (rule.id && problemIds.has(rule.id) ? 'rule--problem' : '')}
          getRuleGroupClassname={(group) => (group.id && problemIds.has(group.id) ? 'ruleGroup--problem' : '')}
          maxLevels={LIMITS.depth}
          onQueryChange={onQueryChange}
          query={query}
          resetOnOperatorChange
          showNotToggle
          translations={translations(t)}
        />
      </div>
      <PreviewPanel lang={lang} preview={preview} query={query} t={t} />
    </div>
  )
}
