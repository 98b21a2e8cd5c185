import { accessSync, constants, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { FlinkFrameError } from '../../errors.js';

/**
 * Checks a path a loader was given and returns it absolute, plus the first data file in it (a folder is read
 * as all its files, as Flink's filesystem connector does).
 */
export function checkedInput(path: string, verb: string): { absolute: string; sample: string } {
  const absolute = resolve(path);
  let stats;
  try {
    stats = statSync(absolute);
    accessSync(absolute, constants.R_OK);
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'cannot be read';
    throw new FlinkFrameError(`${verb}: the file ${absolute} ${reason}. Check the path (relative paths start at ${process.cwd()}).`, { cause: e });
  }
  if (!stats.isDirectory()) return { absolute, sample: absolute };
  const files = readdirSync(absolute).filter((f) => !f.startsWith('.') && !f.startsWith('_')).sort();
  if (!files.length) throw new FlinkFrameError(`${verb}: the folder ${absolute} has no data files.`);
  return { absolute, sample: join(absolute, files[0]!) };
}
