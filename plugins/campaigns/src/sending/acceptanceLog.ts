/** How long the log gathers acceptances before it writes them: a few writes per batch rather than one per message. */
const GATHER_MS = 100

/**
 * Writes the SMTP server's acceptances (its 250 after a message) while the batch is still sending,
 * a group every GATHER_MS, instead of all at the batch's end: a worker killed mid-batch then leaves
 * at most the last group's acceptances unrecorded, not the whole batch's (the report's "delivered"
 * counts recorded acceptances). A group whose write fails stays for `rest`, the batch's final write.
 */
export class AcceptanceLog<Entry> {
  private queued: Entry[] = []
  private unwritten: Entry[] = []
  private writing: Promise<void> | null = null

  constructor(
    private readonly write: (entries: Entry[]) => Promise<void>,
    private readonly onError: (error: unknown) => void,
  ) {}

  add(entry: Entry): void {
    this.queued.push(entry)
    this.writing ??= this.drain()
  }

  /** Waits for the writes under way; returns what is not written yet (queued, or its write failed). */
  async rest(): Promise<Entry[]> {
    while (this.writing) await this.writing
    return [...this.unwritten, ...this.queued.splice(0)]
  }

  private async drain() {
    while (this.queued.length > 0) {
      await new Promise((resolve) => setTimeout(resolve, GATHER_MS))
      const group = this.queued.splice(0)
      await this.write(group).catch((error: unknown) => {
        this.unwritten.push(...group)
        this.onError(error)
      })
    }
    this.writing = null
  }
}
