import type { SentMarks } from './sendRecords'

/** How long a flush waits for more marks: 2 ms gathered 7 messages per commit in the send bench (1 ms: 4.6; none: 1). */
const GATHER_MS = 2

type Entry = {
  id: string
  reject: (error: unknown) => void
  release: () => void
  resolve: (committed: boolean) => void
}

/**
 * Commits many recipients' "sent" marks together: while one flush runs, the next marks gather, so
 * every SMTP lane waits for at most about two flushes and the database sees one statement per group
 * instead of one per message. Right after sealing a group, in the same tick, it releases the
 * committed messages (their final dots): nothing runs between the two.
 */
export class GroupCommit {
  private queued: Entry[] = []
  private flushing = false

  constructor(private readonly flush: (ids: string[]) => Promise<SentMarks>) {}

  /** Resolves true once the recipient is marked sent (`release` has run by then); false if the mark did not take. */
  commit(id: string, release: () => void): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.queued.push({ id, reject, release, resolve })
      void this.drain()
    })
  }

  private async drain() {
    if (this.flushing) return
    this.flushing = true
    try {
      while (this.queued.length > 0) {
        // SQLite answers at once, so without a pause every mark would be a group of one (and a
        // commit with its fsync each): give the other lanes a moment to reach their final dot.
        await new Promise((resolve) => setTimeout(resolve, GATHER_MS))
        const group = this.queued.splice(0)
        try {
          const { committed, seal } = await this.flush(group.map((entry) => entry.id))
          const sealed = seal()
          for (const entry of group) if (committed.has(entry.id)) entry.release()
          await sealed
          for (const entry of group) entry.resolve(committed.has(entry.id))
        } catch (error) {
          for (const entry of group) entry.reject(error)
        }
      }
    } finally {
      this.flushing = false
    }
  }
}
