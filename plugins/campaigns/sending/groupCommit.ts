/**
 * Commits many recipients' "sent" marks together: while one flush runs, the next marks gather, so
 * every SMTP lane waits for at most about two flushes and the database sees one statement per group
 * instead of one per message.
 */
export class GroupCommit {
  private queued: { id: string; reject: (error: unknown) => void; resolve: (committed: boolean) => void }[] = []
  private flushing = false

  constructor(private readonly flush: (ids: string[]) => Promise<Set<string>>) {}

  /** True once the recipient is marked sent; false if the mark did not take (the claim moved on). */
  commit(id: string): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.queued.push({ id, reject, resolve })
      void this.drain()
    })
  }

  private async drain() {
    if (this.flushing) return
    this.flushing = true
    try {
      while (this.queued.length > 0) {
        const group = this.queued.splice(0)
        try {
          const committed = await this.flush(group.map((entry) => entry.id))
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
