/**
 * Metrics a UDF registers in open(ctx) (`ctx.metrics.counter('rows')`, gauge, meter, distribution), as
 * PyFlink's FunctionContext metric group. The worker keeps what changed since the last report and sends it
 * with each result batch (Arrow schema metadata) and at close; the Java operator turns the updates into Flink
 * metrics of its metric group and into the job's accumulator that `session.lastJob()` reads.
 */
export type MetricKind = 'counter' | 'gauge' | 'meter' | 'distribution';

/** One metric's change since the previous report. */
export type MetricUpdate =
  | { kind: 'counter'; delta: number }
  | { kind: 'gauge'; value: number | string | boolean | null }
  | { kind: 'meter'; delta: number; timeSpanInSeconds: number }
  | { kind: 'distribution'; count: number; sum: number; min: number; max: number; values: number[] };

export interface Counter {
  inc(n?: number): void;
  dec(n?: number): void;
  readonly count: number;
}
export interface Meter {
  markEvent(n?: number): void;
  readonly count: number;
}
export interface Distribution {
  update(value: number): void;
}

/** Values of one distribution sent per report for Flink's histogram, at most (count, sum, min and max stay exact). */
const MAX_DISTRIBUTION_VALUES = 10_000;

interface Entry {
  kind: MetricKind;
  report(): MetricUpdate | undefined;
}

const METRIC_NAME = /^[A-Za-z_][\w.-]*$/;

export class UdfMetrics {
  private readonly entries = new Map<string, Entry>();

  private add<T>(name: string, kind: MetricKind, make: () => { entry: Entry; handle: T }): T {
    if (typeof name !== 'string' || !METRIC_NAME.test(name)) {
      throw new TypeError(`ctx.metrics.${kind}(${JSON.stringify(name)}): a metric name is letters, digits, _, . and -, starting with a letter`);
    }
    if (this.entries.has(name)) throw new TypeError(`ctx.metrics.${kind}('${name}'): a metric named '${name}' is already registered`);
    const { entry, handle } = make();
    this.entries.set(name, entry);
    return handle;
  }

  /** What open(ctx) sees as ctx.metrics. */
  readonly api = {
    counter: (name: string): Counter =>
      this.add(name, 'counter', () => {
        let count = 0;
        let reported = 0;
        const handle: Counter = {
          inc: (n = 1) => void (count += n),
          dec: (n = 1) => void (count -= n),
          get count() {
            return count;
          },
        };
        const report = (): MetricUpdate | undefined => {
          const delta = count - reported;
          reported = count;
          return delta ? { kind: 'counter', delta } : undefined;
        };
        return { handle, entry: { kind: 'counter', report } };
      }),
    gauge: (name: string, read: () => unknown): void =>
      this.add(name, 'gauge', () => {
        if (typeof read !== 'function') throw new TypeError(`ctx.metrics.gauge('${name}', fn): give a function that returns the current value`);
        const report = (): MetricUpdate => {
          const v = read();
          return { kind: 'gauge', value: typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' ? v : v == null ? null : String(v) };
        };
        return { handle: undefined, entry: { kind: 'gauge', report } };
      }),
    meter: (name: string, options: { timeSpanInSeconds?: number } = {}): Meter =>
      this.add(name, 'meter', () => {
        let count = 0;
        let reported = 0;
        const timeSpanInSeconds = options.timeSpanInSeconds ?? 60;
        const handle: Meter = {
          markEvent: (n = 1) => void (count += n),
          get count() {
            return count;
          },
        };
        const report = (): MetricUpdate | undefined => {
          const delta = count - reported;
          reported = count;
          return delta ? { kind: 'meter', delta, timeSpanInSeconds } : undefined;
        };
        return { handle, entry: { kind: 'meter', report } };
      }),
    distribution: (name: string): Distribution =>
      this.add(name, 'distribution', () => {
        let values: number[] = [];
        const handle: Distribution = {
          update: (value: number) => {
            if (typeof value !== 'number' || Number.isNaN(value)) throw new TypeError(`distribution '${name}': update(value) takes a number, got ${String(value)}`);
            values.push(value);
          },
        };
        const report = (): MetricUpdate | undefined => {
          if (!values.length) return undefined;
          let sum = 0;
          let min = Infinity;
          let max = -Infinity;
          for (const v of values) {
            sum += v;
            if (v < min) min = v;
            if (v > max) max = v;
          }
          const sent = values.length <= MAX_DISTRIBUTION_VALUES ? values : sample(values, MAX_DISTRIBUTION_VALUES);
          const update: MetricUpdate = { kind: 'distribution', count: values.length, sum, min, max, values: sent };
          values = [];
          return update;
        };
        return { handle, entry: { kind: 'distribution', report } };
      }),
  };

  /** The updates since the last call as JSON, or undefined when nothing changed (gauges always report). */
  takeUpdates(): string | undefined {
    const updates: Record<string, MetricUpdate> = {};
    let any = false;
    for (const [name, entry] of this.entries) {
      const update = entry.report();
      if (update) {
        updates[name] = update;
        any = true;
      }
    }
    return any ? JSON.stringify(updates) : undefined;
  }
}

function sample(values: number[], n: number): number[] {
  const step = values.length / n;
  return Array.from({ length: n }, (_, i) => values[Math.floor(i * step)]!);
}
