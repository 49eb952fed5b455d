import type { ValueEditorProps } from 'react-querybuilder'

import React from 'react'

import type { SegmentOptions } from '../../endpoints/options'
import type { Text } from './text'

import { EVENT_CONDITION_OPERATORS, INTEREST_SOURCES, LIMITS, RFM_METRICS } from '../../rules/catalogue'
import { AttributeValue } from './AttributeValue'
import { Choice, NumberInput, TextInput } from './inputs'
import { isRecord, kindOf } from './values'

/** What every value editor needs besides its rule; handed down through react-querybuilder's `context`. */
export type EditorContext = { docId: null | string; options: null | SegmentOptions; t: Text }

/** Picks the editor for the value kind the catalogue assigns to the rule's field and operator. */
export function RuleValue({ context, disabled, field, handleOnChange, operator, value }: ValueEditorProps) {
  const { docId, options, t } = context as EditorContext
  const list = (name: Exclude<keyof SegmentOptions, 'eventProperties'>) => options?.[name] ?? []
  const current = isRecord(value) ? value : {}
  const patch = (change: Record<string, unknown>) => handleOnChange({ ...current, ...change })
  const optional = (chosen: string) => (chosen === '' ? null : chosen)
  const common = { disabled }

  switch (kindOf(field, operator)) {
    case 'text':
      if (field === 'locale')
        return (
          <Choice
            {...common}
            label={t.value}
            onChange={handleOnChange}
            options={list('locales')}
            placeholder={t.choose}
            t={t}
            value={value}
          />
        )
      if (field === 'addressForm')
        return (
          <Choice
            {...common}
            label={t.value}
            onChange={handleOnChange}
            options={list('addressForms')}
            placeholder={t.choose}
            t={t}
            value={value}
          />
        )
      return <TextInput {...common} label={t.value} onChange={handleOnChange} value={value} />
    case 'number':
      return <NumberInput {...common} label={t.value} onChange={handleOnChange} value={value} />
    case 'persona':
      return (
        <Choice
          {...common}
          label={t.persona}
          onChange={handleOnChange}
          options={list('personas')}
          placeholder={t.choose}
          t={t}
          value={value}
        />
      )
    case 'stage':
      return (
        <Choice
          {...common}
          label={t.stage}
          onChange={handleOnChange}
          options={list('stages')}
          placeholder={t.choose}
          t={t}
          value={value}
        />
      )
    case 'segment': {
      const others = list('segments').filter((segment) => segment.value !== docId)
      return (
        <Choice
          {...common}
          label={t.segment}
          onChange={handleOnChange}
          options={others}
          placeholder={t.choose}
          t={t}
          value={value}
        />
      )
    }
    case 'channel':
      return (
        <Choice
          {...common}
          label={t.channel}
          onChange={handleOnChange}
          options={list('channels')}
          t={t}
          value={value}
        />
      )
    case 'frequency':
      return (
        <Choice
          {...common}
          label={t.frequency}
          onChange={handleOnChange}
          options={list('frequencies')}
          t={t}
          value={value}
        />
      )
    case 'none':
      return null
    case 'attribute':
      return <AttributeValue {...common} onChange={handleOnChange} operator={operator} t={t} value={current} />
    case 'personaFit':
      return (
        <span className="rule-value-parts">
          <Choice
            {...common}
            label={t.persona}
            onChange={(persona) => patch({ persona })}
            options={list('personas')}
            placeholder={t.choose}
            t={t}
            value={current.persona}
          />
          <NumberInput
            {...common}
            label={t.percent}
            max={100}
            min={0}
            onChange={(percent) => patch({ percent })}
            value={current.percent}
          />
          <span aria-hidden>%</span>
        </span>
      )
    case 'interest':
      return (
        <span className="rule-value-parts">
          <Choice
            {...common}
            label={t.interest}
            onChange={(interest) => patch({ interest })}
            options={list('interests')}
            placeholder={t.choose}
            t={t}
            value={current.interest}
          />
          <Choice
            {...common}
            label={t.source}
            onChange={(source) => patch({ source })}
            options={INTEREST_SOURCES.map((source) => ({ label: t.sources[source], value: source }))}
            t={t}
            value={current.source}
          />
          <NumberInput
            {...common}
            label={t.minWeight}
            max={1}
            min={0}
            onChange={(minWeight) => patch({ minWeight })}
            step={0.05}
            value={current.minWeight}
          />
        </span>
      )
    case 'stageChange':
      return (
        <span className="rule-value-parts">
          <Choice
            {...common}
            label={t.stage}
            onChange={(stage) => patch({ stage })}
            options={list('stages')}
            placeholder={t.choose}
            t={t}
            value={current.stage}
          />
          <InLastDays {...common} onChange={(days) => patch({ days })} t={t} value={current.days} />
        </span>
      )
    case 'consent':
      return (
        <span className="rule-value-parts">
          <Choice
            {...common}
            label={t.channel}
            onChange={(channel) => patch({ channel })}
            options={list('channels')}
            t={t}
            value={current.channel}
          />
          <Choice
            {...common}
            label={t.topic}
            onChange={(topic) => patch({ topic: optional(topic) })}
            options={list('topics')}
            placeholder={t.anyTopic}
            t={t}
            value={current.topic}
          />
        </span>
      )
    case 'tracking':
      return (
        <Choice
          {...common}
          label={t.channel}
          onChange={(channel) => handleOnChange({ channel })}
          options={list('channels')}
          t={t}
          value={current.channel}
        />
      )
    case 'events':
      return (
        <span className="rule-value-parts">
          <Times {...common} onChange={(count) => patch({ count })} t={t} value={current.count} />
          <Choice
            {...common}
            label={t.eventType}
            onChange={(type) => patch({ type })}
            options={list('eventTypes')}
            t={t}
            value={current.type}
          />
          <Choice
            {...common}
            label={t.interest}
            onChange={(interest) => patch({ interest: optional(interest) })}
            options={list('interests')}
            placeholder={t.anyInterest}
            t={t}
            value={current.interest}
          />
          <EventCondition
            {...common}
            onChange={(condition) => patch({ condition })}
            properties={options?.eventProperties[String(current.type)] ?? []}
            t={t}
            value={current.condition}
          />
          <InLastDays {...common} onChange={(days) => patch({ days })} t={t} value={current.days} />
        </span>
      )
    case 'contacted':
      return (
        <span className="rule-value-parts">
          <Times {...common} onChange={(count) => patch({ count })} t={t} value={current.count} />
          <Choice
            {...common}
            label={t.channel}
            onChange={(channel) => patch({ channel })}
            options={list('channels')}
            t={t}
            value={current.channel}
          />
          <InLastDays {...common} onChange={(days) => patch({ days })} t={t} value={current.days} />
        </span>
      )
    case 'rfm':
      return (
        <span className="rule-value-parts">
          <Choice
            {...common}
            label={t.metric}
            onChange={(metric) => patch({ metric })}
            options={RFM_METRICS.map((metric) => ({ label: t.metrics[metric], value: metric }))}
            t={t}
            value={current.metric}
          />
          <NumberInput
            {...common}
            label={t.value}
            onChange={(number) => patch({ value: number })}
            value={current.value}
          />
        </span>
      )
    default:
      return null
  }
}

/** "… where [property] [is exactly | contains] [value]": the optional property condition of an event window. */
function EventCondition({
  disabled,
  onChange,
  properties,
  t,
  value,
}: {
  disabled?: boolean
  onChange: (condition: null | Record<string, unknown>) => void
  properties: string[]
  t: Text
  value: unknown
}) {
  const condition = isRecord(value) ? value : null
  const operators = EVENT_CONDITION_OPERATORS.map((operator) => ({ label: t[operator], value: operator }))
  return (
    <>
      <Choice
        disabled={disabled}
        label={t.property}
        onChange={(property) =>
          onChange(property === '' ? null : { operator: 'equals', value: '', ...condition, property })
        }
        options={properties.map((property) => ({ label: property, value: property }))}
        placeholder={t.anyProperty}
        t={t}
        value={condition?.property}
      />
      {condition && (
        <>
          <Choice
            disabled={disabled}
            label={t.propertyOperator}
            onChange={(operator) => onChange({ ...condition, operator })}
            options={operators}
            t={t}
            value={condition.operator}
          />
          <TextInput
            disabled={disabled}
            label={t.propertyValue}
            onChange={(text) => onChange({ ...condition, value: text })}
            value={condition.value}
          />
        </>
      )}
    </>
  )
}

type PartProps = { disabled?: boolean; onChange: (value: null | number) => void; t: Text; value: unknown }

/** "… in the last [n] days", as event and stage conditions say it. */
function InLastDays({ disabled, onChange, t, value }: PartProps) {
  return (
    <>
      <span>{t.inLast}</span>
      <NumberInput disabled={disabled} label={t.days} max={LIMITS.days} min={1} onChange={onChange} value={value} />
      <span>{t.daysUnit}</span>
    </>
  )
}

/** "[n] times …", the count of an event condition. */
function Times({ disabled, onChange, t, value }: PartProps) {
  return (
    <>
      <NumberInput disabled={disabled} label={t.count} min={1} onChange={onChange} value={value} />
      <span>{t.times}</span>
    </>
  )
}
