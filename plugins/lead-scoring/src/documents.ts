/**
 * The documents this package extends, as it reads them (see the core's `documents.ts` for why these
 * are not taken from a host's generated `payload-types`).
 */
import type { Subscriber as CoreSubscriber } from '@kontorwerk/personalization'

/** A subscriber with the fields this package adds to the host's subscribers collection. */
export interface Subscriber extends CoreSubscriber {
  /** Persona set by hand: persona fit does not change it. */
  personaLocked?: boolean | null
  score?: { fitAttributes?: null | number; personaFits?: unknown }
}
