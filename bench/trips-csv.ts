// Generates a taxi-trips-like CSV file (deterministic: the same rows on every run).
import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { random } from './seeded-random.js';

const PAYMENTS = ['card', 'cash', 'app', 'voucher'];

/**
 * Writes `rows` trips: zone (200 values), payment (4), passengers (0..6), distance (km), fare (a few ≤ 0, the
 * rows a filter drops) and tip. Returns the file size in bytes.
 */
export function writeTripsCsv(path: string, rows: number): number {
  const next = random(42);
  const fd = openSync(path, 'w');
  writeSync(fd, 'zone,payment,passengers,distance,fare,tip\n');
  const chunk = 100_000;
  for (let start = 0; start < rows; start += chunk) {
    const lines: string[] = [];
    for (let i = start; i < Math.min(rows, start + chunk); i++) {
      const zone = `z${String(Math.floor(next() * 200)).padStart(3, '0')}`;
      const payment = PAYMENTS[Math.floor(next() * PAYMENTS.length)];
      const passengers = Math.floor(next() * 7);
      const distance = Math.round(next() * 3000) / 100;
      const fare = next() < 0.02 ? -Math.round(next() * 500) / 100 : Math.round((2.5 + distance * 1.8 + next() * 10) * 100) / 100;
      const tip = Math.round(next() * fare * 25) / 100;
      lines.push(`${zone},${payment},${passengers},${distance},${fare},${tip}`);
    }
    writeSync(fd, lines.join('\n') + '\n');
  }
  closeSync(fd);
  return statSync(path).size;
}
