import { afterAll } from 'vitest';
import * as ff from '../../src/index.js';

/**
 * One embedded Flink session per test file (vitest runs files one after another, each in its own worker),
 * closed when the file's tests are done.
 */
export const fl = ff.session({ parallelism: 2, engine: 'flink' }); // always Flink, whatever FLINKFRAME_ENGINE says
afterAll(async () => {
  await fl.close();
});
