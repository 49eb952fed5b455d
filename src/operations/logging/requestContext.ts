import { AsyncLocalStorage } from 'node:async_hooks'

/** What one HTTP request carries through everything it triggers (Payload's hooks, its logger, GraphQL). */
export type RequestContext = {
  /** The personalization and segment operations a GraphQL request asked for (the render and count metrics' labels). */
  operations: Set<string>
  requestId: string
}

/*
 * One store per process, not per module copy: the express server loads this file through tsx, while
 * Next's production build may carry its own copy of the Payload config that marks GraphQL operations.
 * A global symbol makes both copies talk to the same store.
 */
const KEY = Symbol.for('kontorwerk.operations.requestContext')
const globals = globalThis as typeof globalThis & { [KEY]?: AsyncLocalStorage<RequestContext> }
const storage = (globals[KEY] ??= new AsyncLocalStorage<RequestContext>())

/** Runs `fn` (and every callback it schedules) inside this request's context. */
export function runInRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn)
}

/** The request being served where this runs, if any (background jobs and start-up have none). */
export function currentRequest(): RequestContext | undefined {
  return storage.getStore()
}

/** Runs `fn` outside any request: for callbacks that a request merely happened to set up (a pooled connection's errors). */
export function outsideRequest<T>(fn: () => T): T {
  return storage.exit(fn)
}
