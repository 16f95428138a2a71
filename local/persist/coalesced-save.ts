/**
 * A save run now, or once after a short delay however many writes asked for it meanwhile. `flush` runs a save
 * still pending (a clean stop); a killed process loses the writes of at most the delay.
 */
export class CoalescedSave {
  private timer: NodeJS.Timeout | undefined;
  private pending = false;

  constructor(
    private readonly save: () => void,
    private readonly delayMs: number,
  ) {}

  /** Saves now (and so whatever was pending). */
  now(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = true;
    this.save();
    this.pending = false;
  }

  /** Saves within the delay. */
  soon(): void {
    this.pending = true;
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      try {
        this.now();
      } catch {
        // Still pending: the next save or the flush at stop writes it (and reports a failure there).
      }
    }, this.delayMs);
    this.timer.unref();
  }

  /** Saves what is pending, if anything. */
  flush(): void {
    if (this.pending) this.now();
  }
}
