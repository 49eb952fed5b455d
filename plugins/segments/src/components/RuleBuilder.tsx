'use client'

import type { JSONFieldClientComponent } from 'payload'

import { getTranslation } from '@payloadcms/translations'
import { FieldError, FieldLabel, useAuth, useConfig, useDocumentInfo, useField, useTranslation } from '@payloadcms/ui'
import React, { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import {
  type ActionProps,
  type Field,
  type OptionGroup,
  QueryBuilder,
  type RuleGroupType,
  type RuleType,
  toOptions,
  type Translations,
  useValueSelector,
  type ValueEditorProps,
  type ValueSelectorProps,
} from 'react-querybuilder'
import 'react-querybuilder/dist/query-builder-layout.css'
import './ruleBuilder.css'

import type { SegmentOption, SegmentOptions } from '../endpoints/options'
import type { SegmentsTranslationKey, SegmentsTranslations } from '../translations'
import type { RuleProblem } from '../rules/types'

import { FIELD_BY_NAME, FIELDS, INTEREST_SOURCES, LIMITS, RFM_METRICS, type ValueKind } from '../rules/catalogue'

type Lang = 'de' | 'en'
type SegmentsT = (key: SegmentsTranslationKey) => string
type Text = ReturnType<typeof builderText>
type Sample = { email?: string; id: string }
type Preview = { count: number; kind: 'count'; sample: Sample[]; sampleWithheld?: boolean } | { kind: 'failed'; message: string } | { kind: 'problems'; problems: RuleProblem[] }
/** The last answer, marked pending while a newer request is under way. */
type PreviewState = Preview & { pending?: boolean }
/** What every value editor needs besides its rule; handed down through react-querybuilder's `context`. */
type EditorContext = { docId: null | string; options: null | SegmentOptions; t: Text }

/** The builder's own words; their texts are the segments translations `ruleBuilder<Word>`. */
const WORDS = ['addGroup', 'addGroupTitle', 'addRule', 'addRuleTitle', 'and', 'anyInterest', 'anyTopic', 'attributeKey', 'attributeValue', 'boolean', 'channel', 'choose', 'combinator', 'condition', 'count', 'days', 'daysUnit', 'eventType', 'failed', 'field', 'frequency', 'group', 'inLast', 'interest', 'loadingOptions', 'member', 'members', 'metric', 'minWeight', 'no', 'not', 'notTitle', 'number', 'operator', 'optionsFailed', 'or', 'percent', 'persona', 'preview', 'problems', 'removeGroup', 'removeRule', 'root', 'sample', 'sampleWithheld', 'segment', 'source', 'stage', 'text', 'times', 'topic', 'type', 'unknown', 'value', 'yes'] as const

const capitalized = <Word extends string>(word: Word) => `${word[0].toUpperCase()}${word.slice(1)}` as Capitalize<Word>

/** The builder's words in the admin language, as one object handed down to every editor. */
function builderText(t: SegmentsT) {
  const words = Object.fromEntries(WORDS.map((word) => [word, t(`kontorwerk-segments:ruleBuilder${capitalized(word)}`)])) as Record<(typeof WORDS)[number], string>
  const metrics = Object.fromEntries(RFM_METRICS.map((metric) => [metric, t(`kontorwerk-segments:ruleMetric${capitalized(metric)}`)]))
  const sources = Object.fromEntries(INTEREST_SOURCES.map((source) => [source, t(`kontorwerk-segments:ruleSource${capitalized(source)}`)]))
  return { ...words, metrics: metrics as Record<(typeof RFM_METRICS)[number], string>, sources: sources as Record<(typeof INTEREST_SOURCES)[number], string> }
}

const EMPTY: RuleGroupType = { combinator: 'and', rules: [] }
const NUMERIC = new Set(['<', '<=', '>', '>='])
const PREVIEW_DELAY_MS = 400

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
  const { disabled, path, setValue, showError, value } = useField<null | RuleGroupType>({ potentiallyStalePath: pathFromProps })
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
  const problemIds = useMemo(() => (preview?.kind === 'problems' ? idsAt(query, preview.problems) : new Set<string>()), [preview, query])
  const context: EditorContext = { docId, options: options.data, t }
  const label = getTranslation(field.label || field.name, i18n)

  return (
    <div className={['field-type', 'segment-rule-builder', showError && 'error'].filter(Boolean).join(' ')}>
      <FieldLabel as="span" label={field.label} path={path} required={field.required} />
      {options.failed && <p role="alert">{t.optionsFailed}: {options.failed}</p>}
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

/** Live count, a sample of members, or the problems the server found, next to the builder. */
function PreviewPanel({ lang, preview, query, t }: { lang: Lang; preview: null | PreviewState; query: RuleGroupType; t: Text }) {
  const { config } = useConfig()
  const pending = !preview || Boolean(preview.pending)
  return (
    <section aria-label={t.preview} className="segment-preview">
      <p aria-busy={pending} aria-live="polite" className="segment-preview-count">
        {preview?.kind === 'count' && (
          <>
            <strong data-count={preview.count}>{preview.count.toLocaleString(lang === 'de' ? 'de-DE' : 'en-GB')}</strong>{' '}
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
                <a href={`${config.routes.admin}/collections/subscribers/${member.id}`}>{member.email ?? `#${member.id}`}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      {preview?.kind === 'count' && preview.sampleWithheld && <p className="segment-preview-withheld">{t.sampleWithheld}</p>}
      {preview?.kind === 'problems' && (
        <div className="segment-preview-problems" role="alert">
          <p>{t.problems}</p>
          <ul>
            {preview.problems.map((problem, index) => (
              <li key={index}>
                <strong>{describePath(problem.path, query, t)}</strong> <code>{problem.path}</code>: {problem.message}
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

/** Picks the editor for the value kind the catalogue assigns to the rule's field and operator. */
function RuleValue({ context, disabled, field, handleOnChange, operator, value }: ValueEditorProps) {
  const { docId, options, t } = context as EditorContext
  const list = (name: keyof SegmentOptions) => options?.[name] ?? []
  const current = isRecord(value) ? value : {}
  const patch = (change: Record<string, unknown>) => handleOnChange({ ...current, ...change })
  const optional = (chosen: string) => (chosen === '' ? null : chosen)
  const common = { disabled }

  switch (kindOf(field, operator)) {
    case 'text':
      if (field === 'locale') return <Choice {...common} label={t.value} onChange={handleOnChange} options={list('locales')} placeholder={t.choose} t={t} value={value} />
      if (field === 'addressForm') return <Choice {...common} label={t.value} onChange={handleOnChange} options={list('addressForms')} placeholder={t.choose} t={t} value={value} />
      return <TextInput {...common} label={t.value} onChange={handleOnChange} value={value} />
    case 'number':
      return <NumberInput {...common} label={t.value} onChange={handleOnChange} value={value} />
    case 'persona':
      return <Choice {...common} label={t.persona} onChange={handleOnChange} options={list('personas')} placeholder={t.choose} t={t} value={value} />
    case 'stage':
      return <Choice {...common} label={t.stage} onChange={handleOnChange} options={list('stages')} placeholder={t.choose} t={t} value={value} />
    case 'segment': {
      const others = list('segments').filter((segment) => segment.value !== docId)
      return <Choice {...common} label={t.segment} onChange={handleOnChange} options={others} placeholder={t.choose} t={t} value={value} />
    }
    case 'channel':
      return <Choice {...common} label={t.channel} onChange={handleOnChange} options={list('channels')} t={t} value={value} />
    case 'frequency':
      return <Choice {...common} label={t.frequency} onChange={handleOnChange} options={list('frequencies')} t={t} value={value} />
    case 'none':
      return null
    case 'attribute':
      return <AttributeValue {...common} onChange={handleOnChange} operator={operator} t={t} value={current} />
    case 'personaFit':
      return (
        <span className="rule-value-parts">
          <Choice {...common} label={t.persona} onChange={(persona) => patch({ persona })} options={list('personas')} placeholder={t.choose} t={t} value={current.persona} />
          <NumberInput {...common} label={t.percent} max={100} min={0} onChange={(percent) => patch({ percent })} value={current.percent} />
          <span aria-hidden>%</span>
        </span>
      )
    case 'interest':
      return (
        <span className="rule-value-parts">
          <Choice {...common} label={t.interest} onChange={(interest) => patch({ interest })} options={list('interests')} placeholder={t.choose} t={t} value={current.interest} />
          <Choice {...common} label={t.source} onChange={(source) => patch({ source })} options={INTEREST_SOURCES.map((source) => ({ label: t.sources[source], value: source }))} t={t} value={current.source} />
          <NumberInput {...common} label={t.minWeight} max={1} min={0} onChange={(minWeight) => patch({ minWeight })} step={0.05} value={current.minWeight} />
        </span>
      )
    case 'stageChange':
      return (
        <span className="rule-value-parts">
          <Choice {...common} label={t.stage} onChange={(stage) => patch({ stage })} options={list('stages')} placeholder={t.choose} t={t} value={current.stage} />
          <span>{t.inLast}</span>
          <NumberInput {...common} label={t.days} max={LIMITS.days} min={1} onChange={(days) => patch({ days })} value={current.days} />
          <span>{t.daysUnit}</span>
        </span>
      )
    case 'consent':
      return (
        <span className="rule-value-parts">
          <Choice {...common} label={t.channel} onChange={(channel) => patch({ channel })} options={list('channels')} t={t} value={current.channel} />
          <Choice {...common} label={t.topic} onChange={(topic) => patch({ topic: optional(topic) })} options={list('topics')} placeholder={t.anyTopic} t={t} value={current.topic} />
        </span>
      )
    case 'tracking':
      return <Choice {...common} label={t.channel} onChange={(channel) => handleOnChange({ channel })} options={list('channels')} t={t} value={current.channel} />
    case 'events':
      return (
        <span className="rule-value-parts">
          <NumberInput {...common} label={t.count} min={1} onChange={(count) => patch({ count })} value={current.count} />
          <span>{t.times}</span>
          <Choice {...common} label={t.eventType} onChange={(type) => patch({ type })} options={list('eventTypes')} t={t} value={current.type} />
          <Choice {...common} label={t.interest} onChange={(interest) => patch({ interest: optional(interest) })} options={list('interests')} placeholder={t.anyInterest} t={t} value={current.interest} />
          <span>{t.inLast}</span>
          <NumberInput {...common} label={t.days} max={LIMITS.days} min={1} onChange={(days) => patch({ days })} value={current.days} />
          <span>{t.daysUnit}</span>
        </span>
      )
    case 'contacted':
      return (
        <span className="rule-value-parts">
          <NumberInput {...common} label={t.count} min={1} onChange={(count) => patch({ count })} value={current.count} />
          <span>{t.times}</span>
          <Choice {...common} label={t.channel} onChange={(channel) => patch({ channel })} options={list('channels')} t={t} value={current.channel} />
          <span>{t.inLast}</span>
          <NumberInput {...common} label={t.days} max={LIMITS.days} min={1} onChange={(days) => patch({ days })} value={current.days} />
          <span>{t.daysUnit}</span>
        </span>
      )
    case 'rfm':
      return (
        <span className="rule-value-parts">
          <Choice {...common} label={t.metric} onChange={(metric) => patch({ metric })} options={RFM_METRICS.map((metric) => ({ label: t.metrics[metric], value: metric }))} t={t} value={current.metric} />
          <NumberInput {...common} label={t.value} onChange={(number) => patch({ value: number })} value={current.value} />
        </span>
      )
    default:
      return null
  }
}

/** A custom attribute: its key, and a value typed the way the operator compares. */
function AttributeValue({ disabled, onChange, operator, t, value }: { disabled?: boolean; onChange: (value: unknown) => void; operator: string; t: Text; value: Record<string, unknown> }) {
  const key = typeof value.key === 'string' ? value.key : ''
  const keyInput = <TextInput disabled={disabled} label={t.attributeKey} onChange={(next) => onChange({ ...value, key: next })} value={key} />
  if (operator === 'exists' || operator === 'notExists') return keyInput
  const set = (next: unknown) => onChange({ key, value: next })
  if (NUMERIC.has(operator)) {
    return (
      <span className="rule-value-parts">
        {keyInput}
        <NumberInput disabled={disabled} label={t.attributeValue} onChange={set} value={value.value} />
      </span>
    )
  }
  if (operator === 'contains') {
    return (
      <span className="rule-value-parts">
        {keyInput}
        <TextInput disabled={disabled} label={t.attributeValue} onChange={set} value={value.value} />
      </span>
    )
  }
  // "=" and "!=" compare text, numbers or true/false: the editor says which, so "120" stays a number.
  const type = typeof value.value === 'number' ? 'number' : typeof value.value === 'boolean' ? 'boolean' : 'text'
  const types = [
    { label: t.text, value: 'text' },
    { label: t.number, value: 'number' },
    { label: t.boolean, value: 'boolean' },
  ]
  const retype = (next: string) => set(next === 'number' ? 0 : next === 'boolean' ? true : '')
  return (
    <span className="rule-value-parts">
      {keyInput}
      <Choice disabled={disabled} label={t.type} onChange={retype} options={types} t={t} value={type} />
      {type === 'number' && <NumberInput disabled={disabled} label={t.attributeValue} onChange={set} value={value.value} />}
      {type === 'boolean' && (
        <Choice
          disabled={disabled}
          label={t.attributeValue}
          onChange={(chosen) => set(chosen === 'true')}
          options={[
            { label: t.yes, value: 'true' },
            { label: t.no, value: 'false' },
          ]}
          t={t}
          value={String(value.value)}
        />
      )}
      {type === 'text' && <TextInput disabled={disabled} label={t.attributeValue} onChange={set} value={value.value} />}
    </span>
  )
}

type InputProps<V> = { disabled?: boolean; label: string; onChange: (value: V) => void; value: unknown }

/** A labelled dropdown; a stored id that is no longer offered stays visible instead of silently switching. */
function Choice({ disabled, label, onChange, options, placeholder, t, value }: InputProps<string> & { options: SegmentOption[]; placeholder?: string; t: Text }) {
  const current = value == null ? '' : String(value)
  const known = current === '' || options.some((option) => option.value === current)
  return (
    <select aria-label={label} className="rule-value" disabled={disabled} onChange={(event) => onChange(event.target.value)} title={label} value={current}>
      {placeholder !== undefined && <option value="">{placeholder}</option>}
      {!known && <option value={current}>{`${current} (${t.unknown})`}</option>}
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>
  )
}

function TextInput({ disabled, label, onChange, value }: InputProps<string>) {
  return (
    <input
      aria-label={label}
      className="rule-value"
      disabled={disabled}
      maxLength={LIMITS.textLength}
      onChange={(event) => onChange(event.target.value)}
      title={label}
      type="text"
      value={typeof value === 'string' ? value : ''}
    />
  )
}

/** Numbers are stored as numbers; an empty box is stored as null so the server names the gap. */
function NumberInput({ disabled, label, max, min, onChange, step = 1, value }: InputProps<null | number> & { max?: number; min?: number; step?: number }) {
  return (
    <input
      aria-label={label}
      className="rule-value rule-value--number"
      disabled={disabled}
      max={max}
      min={min}
      onChange={(event) => onChange(event.target.value === '' ? null : Number(event.target.value))}
      step={step}
      title={label}
      type="number"
      value={typeof value === 'number' ? value : ''}
    />
  )
}

/** react-querybuilder's field, operator and combinator dropdowns, with an accessible name. */
function Select(props: ValueSelectorProps) {
  const { onChange, val } = useValueSelector(props)
  return (
    <select aria-label={props.title} className={props.className} disabled={props.disabled} onChange={(event) => onChange(event.target.value)} title={props.title} value={val}>
      {toOptions(props.options)}
    </select>
  )
}

/** Buttons whose visible label is a symbol get their title as accessible name. */
function Action({ className, disabled, handleOnClick, label, title }: ActionProps) {
  const symbolic = typeof label === 'string' && !/\p{L}/u.test(label)
  return (
    <button aria-label={symbolic ? title : undefined} className={className} disabled={disabled} onClick={handleOnClick} title={title} type="button">
      {label}
    </button>
  )
}

/** The dropdown lists (personas, interests, stages …) in the admin language, loaded once. */
function useSegmentOptions(): { data: null | SegmentOptions; failed: null | string } {
  const [state, setState] = useState<{ data: null | SegmentOptions; failed: null | string }>({ data: null, failed: null })
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

/** Asks the server how many subscribers the rules match, once the editor pauses typing. */
function usePreview(rules: null | RuleGroupType, docId: null | string): null | PreviewState {
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
  const response = await fetch('/api/segments/preview', { body, credentials: 'include', headers: { 'content-type': 'application/json' }, method: 'POST', signal })
  const result = (await response.json().catch(() => ({}))) as { count?: number; errors?: { message: string; path?: string }[]; sample?: Sample[]; sampleWithheld?: boolean }
  if (response.ok && typeof result.count === 'number') return { count: result.count, kind: 'count', sample: result.sample ?? [], sampleWithheld: result.sampleWithheld }
  const errors = result.errors ?? []
  if (response.status === 400 && errors.length > 0) return { kind: 'problems', problems: errors.map((error) => ({ message: error.message, path: error.path ?? 'root' })) }
  return { kind: 'failed', message: errors.map((error) => error.message).join('; ') || `HTTP ${response.status}` }
}

/**
 * The catalogue as react-querybuilder fields, grouped as in the catalogue, labelled in the admin
 * language. Personal ones are there for editors too, so an admin's stored condition shows as it
 * is, but they cannot be chosen.
 */
function builderFields(t: SegmentsT, isAdmin: boolean): OptionGroup<Field>[] {
  const groups = new Map<string, Field[]>()
  for (const spec of FIELDS) {
    const group = t(spec.group)
    const operators = spec.operators.map((operator) => ({ disabled: !isAdmin && operator.personal, label: t(operator.label), name: operator.name }))
    groups.set(group, [...(groups.get(group) ?? []), { disabled: !isAdmin && spec.personal, label: t(spec.label), name: spec.name, operators }])
  }
  return [...groups].map(([label, options]) => ({ label, options }))
}

function translations(t: Text): Partial<Translations> {
  return {
    addGroup: { label: t.addGroup, title: t.addGroupTitle },
    addRule: { label: t.addRule, title: t.addRuleTitle },
    combinators: { title: t.combinator },
    fields: { title: t.field },
    notToggle: { label: t.not, title: t.notTitle },
    operators: { title: t.operator },
    removeGroup: { label: '⨯', title: t.removeGroup },
    removeRule: { label: '⨯', title: t.removeRule },
    value: { title: t.value },
  }
}

const kindOf = (field: string, operator: string): undefined | ValueKind =>
  FIELD_BY_NAME.get(field as never)?.operators.find((candidate) => candidate.name === operator)?.value

/**
 * The value a rule starts with, or keeps when only its operator changed: what still fits the new
 * value kind is carried over (the persona of "is primary" becomes the persona of "fit at least").
 */
function valueFor(kind: undefined | ValueKind, operator: string, previous?: unknown): unknown {
  const prev = isRecord(previous) ? previous : {}
  const id = (candidate: unknown) => (typeof candidate === 'string' || typeof candidate === 'number' ? String(candidate) : '')
  const number = (candidate: unknown, fallback: number) => (typeof candidate === 'number' ? candidate : fallback)
  switch (kind) {
    case 'text':
      return typeof previous === 'string' ? previous : ''
    case 'number':
      return number(previous, 0)
    case 'persona':
      return id(previous) || id(prev.persona)
    case 'stage':
      return id(previous) || id(prev.stage)
    case 'segment':
      return id(previous)
    case 'channel':
      return typeof previous === 'string' && previous ? previous : 'email'
    case 'frequency':
      return typeof previous === 'string' && previous ? previous : 'weekly'
    case 'attribute': {
      const key = typeof prev.key === 'string' ? prev.key : ''
      if (operator === 'exists' || operator === 'notExists') return { key }
      if (NUMERIC.has(operator)) return { key, value: number(prev.value, 0) }
      if (operator === 'contains') return { key, value: typeof prev.value === 'string' ? prev.value : '' }
      return { key, value: prev.value ?? '' }
    }
    case 'personaFit':
      return { percent: number(prev.percent, 50), persona: id(previous) || id(prev.persona) }
    case 'interest':
      return { interest: id(prev.interest), minWeight: number(prev.minWeight, 0), source: prev.source ?? 'any' }
    case 'stageChange':
      return { days: number(prev.days, 30), stage: id(previous) || id(prev.stage) }
    case 'consent':
      return { channel: prev.channel ?? 'email', topic: prev.topic ?? null }
    case 'tracking':
      return { channel: prev.channel ?? 'email' }
    case 'events':
      return { count: number(prev.count, 1), days: number(prev.days, 30), interest: prev.interest ?? null, type: prev.type ?? 'email_opened' }
    case 'contacted':
      return { channel: prev.channel ?? 'email', count: number(prev.count, 1), days: number(prev.days, 30) }
    case 'rfm':
      return { metric: prev.metric ?? 'recencyDays', value: number(prev.value, 30) }
    default:
      return null
  }
}

/** react-querybuilder adds `valueSource: "value"` to new rules; the stored tree does not carry it. */
function withoutValueSources(group: RuleGroupType): RuleGroupType {
  return {
    ...group,
    rules: group.rules.map((node) => {
      if (typeof node === 'string') return node
      if ('rules' in node) return withoutValueSources(node)
      const { valueSource: _ignored, ...rule } = node
      return rule
    }),
  }
}

/**
 * Ids for nodes stored without one (e.g. written through the API), derived from their place: the
 * server-rendered and the hydrated builder must agree, so react-querybuilder's random ids won't do.
 */
function withIds(group: RuleGroupType, id = 'root'): RuleGroupType {
  return {
    ...group,
    id: group.id ?? id,
    rules: group.rules.map((node, index) => {
      if (typeof node === 'string') return node
      const here = `${id}-${index}`
      return 'rules' in node ? withIds(node, here) : { ...node, id: node.id ?? here }
    }),
  }
}

function rulesOf(group: RuleGroupType): RuleType[] {
  return group.rules.flatMap((node) => (typeof node === 'string' ? [] : 'rules' in node ? rulesOf(node) : [node]))
}

/** The rule or group a problem path ("rules[1].rules[0]") points at. */
function nodeAt(query: RuleGroupType, path: string): RuleGroupType | RuleType | undefined {
  let node: RuleGroupType | RuleType | undefined = query
  for (const [, index] of path.matchAll(/rules\[(\d+)\]/g)) {
    node = node && 'rules' in node ? (node.rules[Number(index)] as RuleGroupType | RuleType | undefined) : undefined
  }
  return node
}

function idsAt(query: RuleGroupType, problems: RuleProblem[]): Set<string> {
  return new Set(problems.flatMap((problem) => nodeAt(query, problem.path === 'root' ? '' : problem.path)?.id ?? []))
}

/** "rules[1].rules[0]" as an editor counts: "Bedingung 2.1". */
function describePath(path: string, query: RuleGroupType, t: Text): string {
  const numbers = [...path.matchAll(/rules\[(\d+)\]/g)].map(([, index]) => Number(index) + 1)
  if (numbers.length === 0) return t.root
  const node = nodeAt(query, path)
  return `${node && 'rules' in node ? t.group : t.condition} ${numbers.join('.')}`
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)
