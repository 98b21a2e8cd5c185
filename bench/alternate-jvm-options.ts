// Runs a benchmark that prints one JSON line of figures in fresh Node processes (a process holds one JVM),
// alternating the embedded JVM's options (FLINKFRAME_JVM_OPTS), so that both variants see the machine alike.
import { execFileSync } from 'node:child_process';

/** Each variant's figures, one per process, `pairs` processes each, in the order ABAB… */
export function alternate<T>(script: string, args: string[], variants: Record<string, string>, pairs: number): Record<string, T[]> {
  const results: Record<string, T[]> = {};
  for (let i = 0; i < pairs; i++) {
    for (const [name, opts] of Object.entries(variants)) {
      const out = execFileSync(process.execPath, [script, ...args], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
        env: { ...process.env, FLINKFRAME_JVM_OPTS: opts },
      });
      (results[name] ??= []).push(JSON.parse(out.trim().split('\n').pop()!) as T);
    }
  }
  return results;
}
