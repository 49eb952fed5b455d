import type { Config, Payload, PayloadRequest } from 'payload'

import type { EventConsumer } from './events/consumers'
import type { ResolvedPersonalizationOptions } from './types'

import { resolveOptions } from './defaults'

/** The reader's memberships among the named segments (slots reserved for segments ask this). */
export type SegmentMembership = (payload: Payload, subscriber: number | string, segments: string[], at: Date, req?: PayloadRequest) => Promise<Set<string>>

/**
 * What other packages add to the core, each through a typed contract: the core never imports a
 * plugin, and no plugin reaches into another's internals. Registered with `extendPersonalization`
 * while the Payload config is built, read with `extensionsOf` at run time.
 */
export type PersonalizationExtensions = {
  /** Learn from stored events, in the intake's transaction (lead scoring, automations, bounces). */
  eventConsumers: EventConsumer[]
  /**
   * Half-lives the scoring plugin sets: implicit interests fade with the first, engagement with
   * the second. Without it both are 30 days.
   */
  halfLives?: { engagementDays: (payload: Payload) => Promise<number>; implicitInterestDays: (payload: Payload) => Promise<number> }
  /** The core's own options, as `personalization()` resolved them. */
  options: ResolvedPersonalizationOptions
  /** The packages installed, in order (config-time checks of what a plugin needs). */
  plugins: string[]
  /** Membership in segments, for slots reserved for segments (the segments plugin answers). */
  segmentMembership?: SegmentMembership
  /**
   * Which of these subscribers may be tracked: opens, clicks and visits are stored only for them
   * (the consent plugin answers from the tracking consent). Without it, the host answers for
   * tracking consent itself and every behaviour event is stored.
   */
  trackingAllowed?: (payload: Payload, subscriberIds: string[]) => Promise<Set<string>>
}

/** The one key of Payload's `custom` config the core owns; nothing else reads or writes it. */
const KEY = 'kontorwerk.personalization.extensions'

const EMPTY: PersonalizationExtensions = { eventConsumers: [], options: resolveOptions({}, {}), plugins: [] }

const registered = (custom: Record<string, unknown> | undefined): PersonalizationExtensions => (custom?.[KEY] as PersonalizationExtensions | undefined) ?? EMPTY

/** Adds a package's contributions to the core (event consumers are appended, the rest set once). */
export function extendPersonalization(config: Config, extension: Partial<PersonalizationExtensions>): Config {
  const current = registered(config.custom)
  const next: PersonalizationExtensions = {
    ...current,
    ...extension,
    eventConsumers: [...current.eventConsumers, ...(extension.eventConsumers ?? [])],
    plugins: [...current.plugins, ...(extension.plugins ?? [])],
  }
  return { ...config, custom: { ...config.custom, [KEY]: next } }
}

export const extensionsOf = (payload: Pick<Payload, 'config'>): PersonalizationExtensions => registered(payload.config.custom)

/** The packages registered so far while the config is built (for "add X before Y" checks). */
export const installedPlugins = (config: Config): string[] => registered(config.custom).plugins

/** The core's options at run time (links, guards, limits). Works on anything that carries Payload's config. */
export const personalizationOptions = (payload: { config: { custom?: Record<string, unknown> } }): ResolvedPersonalizationOptions => registered(payload.config.custom).options

/** Every secret a link may be signed with: the config's own first (signing), then earlier ones (verifying only). */
export const linkSecrets = (payload: { config: { custom?: Record<string, unknown>; secret: string } }): string[] => [payload.config.secret, ...personalizationOptions(payload).previousLinkSecrets]
