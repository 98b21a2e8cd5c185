/**
 * In-memory tables to forget once no job runs: their frames were garbage-collected, but a job planned before may
 * still read them (a frame can be collected while the job it started runs, e.g. `await table(cols).objects()`).
 */
export class SourceReleases {
  private running = 0;
  private readonly pending: (() => void)[] = [];

  jobStarted(): void {
    this.running++;
  }

  jobEnded(): void {
    this.running--;
    this.flush();
  }

  whenIdle(release: () => void): void {
    this.pending.push(release);
    this.flush();
  }

  private flush(): void {
    if (this.running > 0) return;
    for (const release of this.pending.splice(0)) release();
  }
}
