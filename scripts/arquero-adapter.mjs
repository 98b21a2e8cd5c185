/**
 * A thin adapter that lets Arquero's own verb tests (uwdata/arquero test/verbs) run on flinkframe. The tests
 * import Arquero's API from '../../src/index.js'; scripts/arquero-upstream.mjs points that import here.
 *
 * What it maps: table()/from()/fromArrow() make flinkframe frames in one session with rowOrder: 'arquero';
 * verbs pass straight through to flinkframe's; Arquero's synchronous reads (numRows, column, objects, scan,
 * groups, array, reify) materialize the frame once with flinkframe's blocking collect (the same path pivot's
 * pre-query uses) into an Arquero ColumnTable, grouped by the frame's group names. Nothing else: a behaviour
 * that differs belongs in flinkframe, or in docs/arquero-tests.md as a failure with its reason.
 */
import * as aq from 'arquero';
import * as ff from '../dist/src/index.js';
import { finalQuery } from '../dist/src/frame/final-query.js';
import { collectIpcSync } from '../dist/src/runtime/collect-sync.js';
import { arqueroOfIpc } from '../dist/src/runtime/collect-nested.js';

const fl = ff.session({ rowOrder: 'arquero', parallelism: 1 });

/** Stops the adapter's Flink session (the runner calls it when the tests are done). */
export const closeAdapter = () => fl.close();

const FRAME = Symbol('flinkframe table');
const unwrap = (value) =>
  value && value[FRAME] ? value[FRAME] : Array.isArray(value) ? value.map(unwrap) : value;

/** A flinkframe frame materialized synchronously as an Arquero table (grouped as the frame is). */
function materialize(frame) {
  const { sql, schema } = finalQuery(frame);
  const session = frame.state.session;
  session.prepare(frame.state.node);
  const chunks = collectIpcSync(session.engine, sql, schema);
  const local = arqueroOfIpc(chunks, aq.fromArrow);
  const grouped = frame.isGrouped() && frame.groups().every((g) => local.columnNames().includes(g));
  return grouped ? local.groupby(...frame.groups()) : local;
}

/** Arquero's synchronous table reads, answered from the materialized frame. */
const READS = {
  numRows: (t) => () => t.local().numRows(),
  totalRows: (t) => () => t.local().numRows(),
  // Arquero 8 gives the array a table was made from; a collected table's columns are Arrow vectors
  column: (t) => (name) => (t.local().column(name) ? t.local().array(name) : undefined),
  columnAt: (t) => (i) => t.local().columnAt(i),
  array: (t) => (name, type) => t.local().array(name, type),
  get: (t) => (name, row) => t.local().get(name, row),
  getter: (t) => (name) => t.local().getter(name),
  objects: (t) => (options) => t.local().objects(options),
  object: (t) => (row) => t.local().object(row),
  scan: (t) => (fn, order) => t.local().scan(fn, order),
  data: (t) => () => t.local().data(),
  groups: (t) => () => (t.frame.isGrouped() ? t.local().groups() : null),
  toArrow: (t) => (options) => aq.toArrow(t.local(), options),
  // materializing is what reify means here; the frame stays the same lazy plan
  reify: (t) => () => t.proxy,
};

class Wrapped {
  constructor(frame) {
    this.frame = frame;
    this.cached = undefined;
    this.proxy = new Proxy(this, {
      get: (target, key) => {
        if (key === FRAME) return target.frame;
        if (typeof key === 'string' && key in READS) return READS[key](target);
        const member = target.frame[key];
        if (typeof member !== 'function') return member;
        return (...args) => {
          const result = member.apply(target.frame, args.map(unwrap));
          return result instanceof ff.Table ? wrap(result) : result;
        };
      },
    });
  }

  local() {
    return (this.cached ??= materialize(this.frame));
  }
}

const wrap = (frame) => new Wrapped(frame).proxy;

export const table = (columns, names) => wrap(fl.table(columns, names));
export const from = (rows, names) => wrap(fl.from(rows, names));
export const fromArrow = (arrow) => wrap(fl.fromArrow(arrow));
export const toArrow = (t, options) => (t && t[FRAME] ? t.toArrow(options) : aq.toArrow(t, options));
export const toArrowIPC = (t, options) => aq.toArrowIPC(t && t[FRAME] ? materialize(t[FRAME]) : t, options);

export {
  op, desc, escape, all, not, range, matches, startswith, endswith, rolling, bin, collate,
} from '../dist/src/index.js';
// Arquero helpers flinkframe does not re-export: their values are plain data or functions Arquero reads
export { frac } from 'arquero';
