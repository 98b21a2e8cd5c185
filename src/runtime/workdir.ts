import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const live = new Set<string>();
// Java shutdown hooks never run inside Node, so nothing else would remove these.
const removeAll = () => {
  for (const dir of live) rmSync(dir, { recursive: true, force: true });
};
process.on('exit', removeAll);
// Test runners (vitest's forks) end their worker processes with SIGTERM, where no 'exit' event fires: remove the
// folders (the JVM's holds Flink's unpacked planner, ~40 MB), then let the signal do what it would have done.
// A program with its own SIGTERM handler decides whether to go on; its exit then cleans up as usual.
process.once('SIGTERM', () => {
  if (process.listenerCount('SIGTERM') > 0) return;
  removeAll();
  process.kill(process.pid, 'SIGTERM');
});

/** A session's private temporary folder: in-memory sources, query results, Flink's own temp files, its log. */
export class WorkDir {
  readonly root: string;
  private counter = 0;

  constructor() {
    this.root = mkdtempSync(join(tmpdir(), 'flinkframe-'));
    live.add(this.root);
  }

  /** A new, empty, uniquely named folder inside the work dir. */
  fresh(prefix: string): string {
    const dir = join(this.root, `${prefix}-${++this.counter}`);
    mkdirSync(dir, { recursive: true });
    return dir;
  }

  path(name: string): string {
    return join(this.root, name);
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
    live.delete(this.root);
  }
}
