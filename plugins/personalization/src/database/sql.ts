/**
 * Drizzle's `sql` tag for the raw statements of the bulk readers and writers. The SQL adapters of
 * Payload each bring their own copy of drizzle-orm; statements built with this one run on all of
 * them (drizzle identifies its objects by kind, not by class).
 */
export { sql } from 'drizzle-orm'
export type { SQL } from 'drizzle-orm'
