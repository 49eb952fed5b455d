import type { Payload } from 'payload'

const stopping = new WeakSet<Payload>()

/**
 * A worker that was asked to stop (SIGTERM): its send jobs finish the batch they claimed, claim no
 * more and end, queueing their successors for the other workers (or this one after a restart).
 */
export function stopSending(payload: Payload): void {
  stopping.add(payload)
}

export const isStopping = (payload: Payload): boolean => stopping.has(payload)
