import { createHash } from 'node:crypto'

/**
 * A point in [0, 100) from a hash of `scope` and the subscriber: the same on every worker, on a retry
 * and after a restart, and spread evenly, so comparing it with shares splits an audience by them
 * without storing a random draw. Callers pick the scope: the A/B groups of a campaign hash its id,
 * an automation's holdout a scope of its own.
 */
export const stablePercent = (scope: string, subscriber: string): number =>
  (createHash('sha256').update(`${scope}:${subscriber}`).digest().readUInt32BE(0) / 2 ** 32) * 100
