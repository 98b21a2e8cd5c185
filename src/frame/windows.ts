import { intervalSql } from '../translate/interval.js';
import type { WindowSpec } from '../translate/window-tvf.js';

/** Windows of a fixed size, one after another: tumble('ts', '1 minute'). */
export const tumble = (column: string, size: string): WindowSpec => ({ kind: 'tumble', column, size: intervalSql(size, 'tumble') });

/** Windows of a fixed size that start every `slide`, so they overlap: hop('ts', '1 minute', '5 minutes'). */
export const hop = (column: string, slide: string, size: string): WindowSpec =>
  ({ kind: 'hop', column, slide: intervalSql(slide, 'hop'), size: intervalSql(size, 'hop') });

/** Windows that grow by `step` from a common start up to `size`: cumulate('ts', '1 hour', '1 day'). */
export const cumulate = (column: string, step: string, size: string): WindowSpec =>
  ({ kind: 'cumulate', column, step: intervalSql(step, 'cumulate'), size: intervalSql(size, 'cumulate') });

/**
 * Windows of activity that end after `gap` without rows: sessionWindow('ts', '30 minutes'). Sessions are per
 * group: call groupby right after window().
 */
export const sessionWindow = (column: string, gap: string): WindowSpec => ({ kind: 'session', column, gap: intervalSql(gap, 'sessionWindow') });
