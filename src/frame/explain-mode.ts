/**
 * Explain mode (`flinkframe explain job.ts`): materializers print the frame's explain() instead of running a
 * job, and return empty results with the frame's schema. A process-wide switch, because the CLI runs a
 * user's unchanged script and must change what every materializer it calls does.
 */
let explainOnly = false;

export function setExplainOnly(on: boolean): void {
  explainOnly = on;
}

export function isExplainOnly(): boolean {
  return explainOnly;
}
