import { FlinkFrameError } from '../errors.js';

/** Unit words users write, to Flink SQL's interval units. */
const UNITS: Record<string, string> = {
  ms: 'MILLISECOND', millisecond: 'MILLISECOND', milliseconds: 'MILLISECOND',
  s: 'SECOND', sec: 'SECOND', second: 'SECOND', seconds: 'SECOND',
  m: 'MINUTE', min: 'MINUTE', minute: 'MINUTE', minutes: 'MINUTE',
  h: 'HOUR', hour: 'HOUR', hours: 'HOUR',
  d: 'DAY', day: 'DAY', days: 'DAY',
};

const MILLIS: Record<string, number> = { MILLISECOND: 1, SECOND: 1000, MINUTE: 60_000, HOUR: 3_600_000, DAY: 86_400_000 };

function parse(text: string, what: string): { amount: string; unit: string } {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]+)\s*$/i.exec(text);
  const unit = match && UNITS[match[2]!.toLowerCase()];
  if (!match || !unit) {
    throw new FlinkFrameError(`${what}: "${text}" is not a duration; write a number and a unit, e.g. '1 minute', '30 s', '500 ms', '2 hours'.`);
  }
  return { amount: match[1]!, unit };
}

/** '1 minute', '30 s', '500 ms', '2 hours' → INTERVAL '1' MINUTE (milliseconds as fractional seconds). */
export function intervalSql(text: string, what: string): string {
  const { amount, unit } = parse(text, what);
  if (unit === 'MILLISECOND') return `INTERVAL '${Number(amount) / 1000}' SECOND(3)`;
  return `INTERVAL '${amount}' ${unit}`;
}

/** A duration in milliseconds, for Flink options that take one (e.g. '200 ms'). */
export function durationMs(text: string, what: string): number {
  const { amount, unit } = parse(text, what);
  return Number(amount) * MILLIS[unit]!;
}
