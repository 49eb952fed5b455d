import type { SQL } from '@kontorwerk/personalization'

import { grantedConsentSql, preferencesSql } from '@kontorwerk/consent'
import { localesWithin, sql } from '@kontorwerk/personalization'

import type { Comparison, EventCondition, Rule, RuleGroup } from '../rules/types'
import type { Environment } from './environment'

import { segmentInvalid } from '../errors'
import { isGroup } from '../rules/types'
import { MAX_HALF_LIVES, MAX_NESTING } from './matches'

const DAY = 86_400_000
/** The subscribers table's alias in every query (see members.ts). */
const S = sql.raw('s')

/** e^-x = Σ (-x)^k / k!, k = 0…17, as one flat sum of products. */
const SERIES = Array.from({ length: 18 }, (_, k) => {
  let factorial = 1
  for (let i = 2; i <= k; i++) factorial *= i
  const power = k === 0 ? '1' : Array.from({ length: k }, () => 'x').join(' * ')
  return `${k % 2 ? '-' : '+'} ${power} / ${factorial}.0`
})
  .join(' ')
  .replace(/^\+ /, '')

export type Dialect = 'postgres' | 'sqlite'

/**
 * The database form of a rule tree: one boolean SQL expression over `subscribers s`, for SQLite
 * and PostgreSQL, that selects exactly the subscribers `evaluate` accepts (the property test
 * holds both to that). Every rule is made two-valued (never NULL), so NOT means what it says.
 */
export function compileTree(tree: RuleGroup, env: Environment, dialect: Dialect): SQL {
  return new Compiler(env, dialect).group(tree, 0)
}

class Compiler {
  private readonly now: number
  constructor(
    private readonly env: Environment,
    private readonly dialect: Dialect,
  ) {
    this.now = env.now.getTime()
  }

  group(group: RuleGroup, depth: number): SQL {
    if (depth > MAX_NESTING) throw segmentInvalid('Segments are nested too deeply (a cycle?)')
    const parts = group.rules.map((node) =>
      isGroup(node) ? this.group(node, depth) : this.bool(this.rule(node, depth)),
    )
    const joined = parts.length
      ? sql`(${sql.join(parts, group.combinator === 'and' ? sql` and ` : sql` or `)})`
      : group.combinator === 'and'
        ? this.true
        : this.false
    return group.not ? sql`(not ${joined})` : joined
  }

  private get true() {
    return this.dialect === 'postgres' ? sql`true` : sql`1`
  }
  private get false() {
    return this.dialect === 'postgres' ? sql`false` : sql`0`
  }
  private bool(expression: SQL) {
    return sql`coalesce(${expression}, ${this.false})`
  }
  private time(at: number) {
    const iso = new Date(at).toISOString()
    return this.dialect === 'postgres' ? sql`${iso}::timestamptz` : sql`${iso}`
  }
  /**
   * A date an editor or the API wrote (Payload keeps SQLite's text as given, e.g. with "+02:00"),
   * as UTC ISO text, so it compares like the dates the product writes itself.
   */
  private stored(column: SQL) {
    return this.dialect === 'postgres' ? column : sql`strftime('%Y-%m-%dT%H:%M:%fZ', ${column})`
  }
  /** Milliseconds since the epoch of a stored date: exact, as JavaScript computes them. */
  private millis(column: SQL) {
    return this.dialect === 'postgres'
      ? sql`(extract(epoch from ${column}) * 1000)`
      : sql`(cast(strftime('%s', ${column}) as integer) * 1000 + cast(substr(${column}, 21, 3) as integer))`
  }
  private real(expression: SQL) {
    return this.dialect === 'postgres' ? sql`cast(${expression} as double precision)` : sql`cast(${expression} as real)`
  }
  private compare(left: SQL, operator: Comparison, right: unknown) {
    const value =
      this.dialect === 'postgres' && typeof right === 'number' ? sql`${right}::double precision` : sql`${right}`
    return sql`${left} ${sql.raw(operator === '!=' ? '<>' : operator)} ${value}`
  }
  private ids(values: string[]) {
    return values.length
      ? sql`(${sql.join(
          values.map((value) => sql`${Number(value)}`),
          sql`, `,
        )})`
      : null
  }
  private texts(values: string[]) {
    return sql`(${sql.join(
      values.map((value) => sql`${value}`),
      sql`, `,
    )})`
  }

  /**
   * `value` halved every `halfLifeDays` since `asOf` (not grown for a future `asOf`). SQLite has
   * no pow(): 2^-u is 2^-n (a shift) times e^-x with x = frac(u)·ln 2 < 0.7, from an 18-term
   * series written flat (SQLite's parser limits nesting), accurate to about 1e-15 relative.
   */
  private decayed(value: SQL, asOf: SQL, halfLifeDays: number) {
    const u = sql`((${this.now} - ${this.millis(asOf)}) * 1.0 / ${halfLifeDays * DAY})`
    const fresh = sql`${asOf} is null or ${asOf} >= ${this.time(this.now)}`
    // Past MAX_HALF_LIVES the factor is 0, as in memory (and PostgreSQL's power() would underflow into an error).
    if (this.dialect === 'postgres') {
      return sql`(case when ${fresh} then ${this.real(value)} when ${u} > ${MAX_HALF_LIVES} then 0.0 else ${this.real(value)} * power(0.5::float8, ${u}::float8) end)`
    }
    const factor = sql`(select (${sql.raw(SERIES)}) * (case when n >= ${MAX_HALF_LIVES} and x > 0 then 0.0 when n > ${MAX_HALF_LIVES} then 0.0 else 1.0 / (1 << n) end) from (select cast(${u} as integer) as n, (${u} - cast(${u} as integer)) * 0.6931471805599453 as x))`
    return sql`(case when ${fresh} then ${this.real(value)} else ${this.real(value)} * ${factor} end)`
  }

  private json(column: SQL, key: string) {
    return this.dialect === 'postgres'
      ? { text: sql`(${column} ->> ${key}::text)`, type: sql`jsonb_typeof(${column} -> ${key}::text)` }
      : { text: sql`json_extract(${column}, ${`$."${key}"`})`, type: sql`json_type(${column}, ${`$."${key}"`})` }
  }
  private jsonIs(type: SQL, kind: 'boolean' | 'number' | 'string') {
    if (this.dialect === 'postgres') return sql`${type} = ${kind}`
    if (kind === 'number') return sql`${type} in ('integer', 'real')`
    return kind === 'string' ? sql`${type} = 'text'` : sql`${type} in ('true', 'false')`
  }
  private jsonNumber(column: SQL, key: string) {
    const { text, type } = this.json(column, key)
    return {
      number: this.dialect === 'postgres' ? sql`(${text})::double precision` : text,
      isNumber: this.jsonIs(type, 'number'),
    }
  }

  private eventCount(where: SQL, operator: 'atLeast' | 'fewerThan', count: number) {
    // subscriber_id is never null in practice, but NOT IN would turn false for everyone on a single null.
    const having = sql`select e.subscriber_id from events e where e.subscriber_id is not null and ${where} group by e.subscriber_id having count(*) >= ${count}`
    return operator === 'atLeast' ? sql`s.id in (${having})` : sql`s.id not in (${having})`
  }
  /**
   * As in memory: a text property equal to the value, or containing it. A search for the part, not
   * LIKE: `%` and `_` in an editor's value are the characters themselves, and case matters on both databases.
   */
  private propertyMatches({ operator, property, value }: EventCondition) {
    const { text, type } = this.json(sql`e.properties`, property)
    const found =
      operator === 'equals'
        ? sql`${text} = ${value}`
        : this.dialect === 'postgres'
          ? sql`strpos(${text}, ${value}) > 0`
          : sql`instr(${text}, ${value}) > 0`
    return sql`(${this.jsonIs(type, 'string')} and ${found})`
  }
  private window(days: number) {
    return sql`e.occurred_at >= ${this.time(this.now - days * DAY)} and e.occurred_at <= ${this.time(this.now)}`
  }
  private sentOn() {
    const { text, type } = this.json(sql`e.properties`, 'channel')
    return sql`coalesce(case when ${this.jsonIs(type, 'string')} then ${text} end, 'email')`
  }

  /**
   * Fit and engagement (decayed to now) as the scoring plugin stores them; 0 without it, as in
   * memory. Fit is profile plus events, the total both.
   */
  private score(field: 'engagementScore' | 'fitScore' | 'totalScore'): SQL {
    const scores = this.env.leadScores?.sql
    if (!scores) return sql`0`
    const fit = sql`(${this.real(sql`coalesce(${scores.fitAttributes(S)}, 0)`)} + coalesce(${scores.fromScoreRow(S, (row) => this.real(row.fitEvents))}, 0))`
    const engagement = sql`coalesce(${scores.fromScoreRow(S, (row) => this.decayed(row.engagementValue, this.stored(row.engagementAsOf), this.env.engagementHalfLifeDays))}, 0)`
    return field === 'fitScore' ? fit : field === 'engagementScore' ? engagement : sql`(${fit} + ${engagement})`
  }

  private rule(rule: Rule, depth: number): SQL {
    const now = this.time(this.now)
    switch (rule.field) {
      case 'locale': {
        // A language covers its regions, as in memory: `locale = de` holds for de-AT as for de.
        const column = sql.raw(this.dialect === 'postgres' ? 'cast(s.locale as text)' : 's.locale')
        const within = sql`${column} in (${sql.join(
          localesWithin(rule.value).map((locale) => sql`${locale}`),
          sql`, `,
        )})`
        return rule.operator === '=' ? within : sql`(${column} is null or not ${within})`
      }
      case 'region':
      case 'addressForm':
      case 'emailDomain': {
        const column =
          rule.field === 'emailDomain'
            ? this.dialect === 'postgres'
              ? sql`substr(s.email, strpos(s.email, '@') + 1)`
              : sql`substr(s.email, instr(s.email, '@') + 1)`
            : sql.raw(
                this.dialect === 'postgres'
                  ? `cast(s.${rule.field === 'addressForm' ? 'address_form' : rule.field} as text)`
                  : `s.${rule.field === 'addressForm' ? 'address_form' : rule.field}`,
              )
        const expected = rule.field === 'emailDomain' ? rule.value.toLowerCase() : rule.value
        return rule.operator === '='
          ? sql`${column} = ${expected}`
          : sql`(${column} is null or ${column} <> ${expected})`
      }
      case 'attribute': {
        const { text, type } = this.json(sql`s.attributes`, rule.value.key)
        if (rule.operator === 'exists') return sql`${type} is not null and ${type} <> 'null'`
        if (rule.operator === 'notExists')
          return sql`not coalesce(${type} is not null and ${type} <> 'null', ${this.false})`
        const expected = (rule.value as { value: boolean | number | string }).value
        if (rule.operator === 'contains') {
          return sql`${this.jsonIs(type, 'string')} and ${this.dialect === 'postgres' ? sql`strpos(${text}, ${expected})` : sql`instr(${text}, ${expected})`} > 0`
        }
        const equal =
          typeof expected === 'number'
            ? sql`${this.jsonIs(type, 'number')} and ${this.jsonNumber(sql`s.attributes`, rule.value.key).number} = ${expected}`
            : typeof expected === 'boolean'
              ? this.dialect === 'postgres'
                ? sql`${type} = 'boolean' and ${text} = ${String(expected)}`
                : sql`${type} = ${String(expected)}`
              : sql`${this.jsonIs(type, 'string')} and ${text} = ${expected}`
        if (rule.operator === '=') return equal
        if (rule.operator === '!=') return sql`not coalesce(${equal}, ${this.false})`
        const { isNumber, number } = this.jsonNumber(sql`s.attributes`, rule.value.key)
        return sql`${isNumber} and ${this.compare(number, rule.operator, expected)}`
      }
      case 'persona': {
        if (rule.operator === 'is') return sql`s.persona_id = ${Number(rule.value)}`
        const fits = this.env.leadScores?.sql.personaFits(S)
        if (!fits) return this.false
        const { isNumber, number } = this.jsonNumber(fits, String(rule.value.persona))
        return sql`${isNumber} and ${number} >= ${rule.value.percent}`
      }
      case 'interest': {
        const family = this.ids(
          this.env.interestFamily.get(String(rule.value.interest)) ?? [String(rule.value.interest)],
        )!
        const source = rule.value.source === 'any' ? sql`` : sql` and si.source = ${rule.value.source}`
        const weight = sql`(case when si.source = 'implicit' then ${this.decayed(sql`si.weight`, this.stored(sql`si.last_seen_at`), this.env.interestHalfLifeDays)} else ${this.real(sql`si.weight`)} end)`
        return sql`exists (select 1 from subscribers_interests si where si._parent_id = s.id and si.interest_id in ${family}${source} and ${weight} >= ${rule.value.minWeight})`
      }
      case 'stage': {
        if (rule.operator === 'is') return sql`s.stage_id = ${Number(rule.value)}`
        if (rule.operator === 'atLeast') {
          const wanted = this.env.stageOrder.get(String(rule.value))
          const stages = this.ids(
            [...this.env.stageOrder].filter(([, order]) => wanted !== undefined && order >= wanted).map(([id]) => id),
          )
          return stages ? sql`s.stage_id in ${stages}` : this.false
        }
        const { days, stage } = rule.value as { days: number; stage: string }
        return sql`exists (select 1 from subscribers_stage_history h where h._parent_id = s.id and h.stage_id = ${Number(stage)}
          and ${this.stored(sql`h.changed_at`)} >= ${this.time(this.now - days * DAY)} and ${this.stored(sql`h.changed_at`)} <= ${now})`
      }
      case 'fitScore':
      case 'engagementScore':
      case 'totalScore':
        return this.compare(this.score(rule.field), rule.operator, rule.value)
      case 'probabilityAlive':
      case 'expectedPurchases':
      case 'expectedValue': {
        // No prediction (no purchases, or no scoring plugin) is no match, also under NOT: as in memory.
        const value = this.env.leadScores?.sql.prediction(S, rule.field)
        return value ? sql`(${value} is not null and ${this.compare(value, rule.operator, rule.value)})` : this.false
      }
      // Consent and preferences as the consent plugin stores them (its contract).
      case 'consent':
        return grantedConsentSql(
          S,
          'marketing',
          rule.value.channel,
          rule.value.topic == null ? 'any' : String(rule.value.topic),
        )
      case 'tracking':
        return grantedConsentSql(S, 'tracking', rule.value.channel, 'none')
      case 'channelChosen':
        return preferencesSql.channelChosen(S, rule.value)
      case 'frequency':
        return sql`${preferencesSql.frequency(S)} ${sql.raw(rule.operator === '=' ? '=' : '<>')} ${rule.value}`
      case 'paused':
        return sql`${this.stored(preferencesSql.pausedUntil(S))} > ${now}`
      case 'events': {
        const { condition, count, days, interest, type } = rule.value
        let where = sql`e.type = ${type} and ${this.window(days)}`
        if (condition) where = sql`${where} and ${this.propertyMatches(condition)}`
        if (interest != null) {
          const blocks = this.env.blocksByInterest.get(String(interest)) ?? []
          where = blocks.length
            ? sql`${where} and e.block in ${this.texts(blocks)}`
            : sql`${where} and ${this.false} = ${this.true}`
        }
        return this.eventCount(where, rule.operator, count)
      }
      case 'contacted':
        return this.eventCount(
          sql`e.type = 'email_sent' and ${this.window(rule.value.days)} and ${this.sentOn()} = ${rule.value.channel}`,
          rule.operator,
          rule.value.count,
        )
      case 'receivedCampaign': {
        const { text } = this.json(sql`e.properties`, 'campaign')
        const campaign = this.dialect === 'postgres' ? text : sql`cast(${text} as text)`
        return sql`exists (select 1 from events e where e.subscriber_id = s.id and e.type = 'email_sent' and e.occurred_at <= ${now} and ${campaign} = ${rule.value})`
      }
      case 'rfm':
        return this.rfm(rule)
      case 'segment': {
        const segment = this.env.segments.get(String(rule.value))
        if (!segment) throw segmentInvalid(`segment ${rule.value} does not exist (deleted?)`)
        if (segment.tree) return this.group(segment.tree, depth + 1)
        return sql`exists (select 1 from segment_members m where m.subscriber_id = s.id and m.segment_id = ${Number(segment.id)})`
      }
    }
  }

  private rfm(rule: Extract<Rule, { field: 'rfm' }>): SQL {
    const now = this.time(this.now)
    const purchases = sql`from events e where e.subscriber_id = s.id and e.type = 'purchase' and e.occurred_at <= ${now}`
    const inWindow = sql`${purchases} and e.occurred_at >= ${this.time(this.now - this.env.options.rfmWindowDays * DAY)}`
    const amount = this.jsonNumber(sql`e.properties`, 'amount')
    const lastMillis = this.millis(sql`(select max(e.occurred_at) ${purchases})`)
    const recencyDays =
      this.dialect === 'postgres'
        ? sql`floor((${this.now} - ${lastMillis}) / ${DAY})`
        : sql`cast((${this.now} - ${lastMillis}) / ${DAY} as integer)`
    const frequency = sql`(select count(*) ${inWindow})`
    // Whole cents, as in memory (Math.round: halves up, hence floor(x + 0.5)), so band limits agree.
    const half = sql`(${amount.number} * 100 + 0.5)`
    // SQLite has no floor(): truncate, and step down for negatives.
    const cents =
      this.dialect === 'postgres'
        ? sql`floor(${half})`
        : sql`(cast(${half} as integer) - (cast(${half} as integer) > ${half}))`
    const monetary = sql`((select coalesce(sum(case when ${amount.isNumber} then ${cents} else 0 end), 0) ${inWindow}) / 100.0)`
    const bands = this.env.options.rfmBands
    const score = (value: SQL, limits: readonly number[], lowerIsBetter: boolean) =>
      sql`(1 + ${sql.join(
        limits.map(
          (limit) => sql`(case when ${value} ${sql.raw(lowerIsBetter ? '<=' : '>=')} ${limit} then 1 else 0 end)`,
        ),
        sql` + `,
      )})`
    const metrics: Record<typeof rule.value.metric, SQL> = {
      frequency,
      frequencyScore: score(frequency, bands.frequency, false),
      monetary,
      monetaryScore: score(monetary, bands.monetary, false),
      recencyDays,
      recencyScore: score(recencyDays, [...bands.recencyDays].reverse(), true),
    }
    return sql`exists (select 1 ${purchases}) and ${this.compare(metrics[rule.value.metric], rule.operator, rule.value.value)}`
  }
}
