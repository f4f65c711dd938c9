/**
 * A one-line progress bar for a terminal: pages done (of the total once it is known), pages per second,
 * failures so far. Redrawn at most every REDRAW_MS; cleared when the work ends so the terminal keeps
 * only the summary. Only used when stderr is a TTY (the caller decides), so it never lands in a log.
 */

const REDRAW_MS = 100;
const BAR_WIDTH = 24;

export class ProgressBar {
  private done = 0;
  private failed = 0;
  private total: number | null = null;
  private lastDraw = 0;
  private finished = false;
  private readonly started = performance.now();

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly label: string,
    /** `eta`: show the time left once the total is known (from the rate so far). */
    private readonly options: { readonly eta?: boolean } = {},
  ) {}

  setTotal(total: number): void {
    this.total = total;
    this.draw(true);
  }

  tick(failed: boolean): void {
    this.done++;
    if (failed) this.failed++;
    this.draw(false);
  }

  /** Prints a line above the bar (a failure message) without tearing the bar. */
  log(line: string): void {
    this.stream.write(this.finished ? `${line}\n` : `\r\x1b[2K${line}\n`);
    this.draw(true);
  }

  finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.stream.write('\r\x1b[2K');
  }

  private draw(force: boolean): void {
    if (this.finished) return;
    const now = performance.now();
    if (!force && now - this.lastDraw < REDRAW_MS) return;
    this.lastDraw = now;
    const seconds = (now - this.started) / 1000;
    const rate = seconds > 0 ? this.done / seconds : 0;
    const parts = [this.label];
    if (this.total !== null && this.total > 0) {
      const filled = Math.round((Math.min(this.done, this.total) / this.total) * BAR_WIDTH);
      parts.push(`${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`, `${this.done}/${this.total} pages`);
    } else {
      parts.push(`${this.done} pages`);
    }
    parts.push(`${rate.toFixed(1)} pages/s`);
    if (this.options.eta && this.total !== null && rate > 0 && this.done < this.total) parts.push(`ETA ${formatEta((this.total - this.done) / rate)}`);
    if (this.failed > 0) parts.push(`${this.failed} failed`);
    const line = parts.join('  ');
    const width = this.stream.columns > 0 ? this.stream.columns : 80;
    this.stream.write(`\r\x1b[2K${line.length > width - 1 ? line.slice(0, width - 1) : line}`);
  }
}

/** Seconds left as `45s`, `3m 20s` or `1h 05m`. */
function formatEta(seconds: number): string {
  const s = Math.ceil(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
