/**
 * A thin adapter that lets Arquero's own verb tests (uwdata/arquero test/verbs) run on flinkframe. The tests
 * import Arquero's API from '../../src/index.js'; scripts/arquero-upstream.mjs points that import here.
 *
 * What it maps: table()/from()/fromArrow() make flinkframe frames in one session with rowOrder: 'arquero';
 * verbs pass straight through to flinkframe's; Arquero's synchronous reads (numRows, column, objects, scan,
 * groups, array, reify) materialize the frame once with flinkframe's blocking collect (the same path pivot's
 * pre-query uses) into an Arquero ColumnTable, grouped and ordered as the frame is (materialize, below). Two
 * imitations of Arquero's internals, from Flink's data only: an ordered frame's physical rows are its input order
 * (the hidden ordinal), and a frame that only projects its input keeps the input's groups object. Nothing else: a
 * behaviour that differs belongs in flinkframe, or in docs/arquero-tests.md as a failure with its reason.
 */
import * as aq from 'arquero';
import * as ff from '../dist/src/index.js';
import { finalQuery } from '../dist/src/frame/final-query.js';
import { collectIpcSync } from '../dist/src/runtime/collect-sync.js';
import { ordinalColumns } from '../dist/src/frame/row-order.js';
import { groupColumns } from '../dist/src/frame/group-columns.js';
import { arqueroOfIpc } from '../dist/src/runtime/collect-nested.js';

const fl = ff.session({ rowOrder: 'arquero', parallelism: 1 });

/** Stops the adapter's Flink session (the runner calls it when the tests are done). */
export const closeAdapter = () => fl.close();

const FRAME = Symbol('flinkframe table');
const unwrap = (value) =>
  value && value[FRAME] ? value[FRAME] : Array.isArray(value) ? value.map(unwrap) : value;

/**
 * A flinkframe frame materialized synchronously as an Arquero table, with the frame's groups and order.
 *
 * Arquero's physical rows are its input order; orderby only adds a comparator, and scan(fn, true) passes the
 * physical indices. With rowOrder 'arquero' that input order is the frame's hidden row ordinal, so an ordered
 * frame is collected with its ordinal (and sorted by Flink as usual): its rows are laid out in ordinal order,
 * and Flink's sorted positions become the comparator. Groups are made on those rows (Arquero numbers groups by
 * first appearance), from the columns that hold the keys (hidden ones too: computed keys, or group columns a
 * select dropped). Every value, ordinal and position comes from the Flink job.
 */
function materialize(frame) {
  const ordinal = frame.isOrdered() ? ordinalColumns(frame) : [];
  const keys = frame.isGrouped() ? groupColumns(frame.state) : [];
  const visible = frame.columnNames();
  const hidden = [...new Set([...ordinal, ...keys].filter((c) => !visible.includes(c)))];
  const { sql, schema } = finalQuery(frame, { hidden });
  const session = frame.state.session;
  session.prepare(frame.state.node);
  const chunks = collectIpcSync(session.engine, sql, schema);
  let local = arqueroOfIpc(chunks, aq.fromArrow);
  if (ordinal.length) {
    const positions = Int32Array.from({ length: local.numRows() }, (_, i) => i);
    local = local.assign({ [POSITION]: positions }).orderby(...ordinal).reify().orderby(POSITION);
  }
  if (keys.length) {
    const names = frame.groups();
    // a plain column by name (Arquero's single-field path), a hidden or renamed one as an expression
    const plain = keys.every((c, i) => c === names[i]);
    local = plain ? local.groupby(...keys) : local.groupby(Object.fromEntries(names.map((n, i) => [n, `d[${JSON.stringify(keys[i])}]`])));
  }
  return local.columnNames().length === visible.length ? local : local.select(visible);
}

const POSITION = '__ff_adapter_position';

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
  groups: (t) => () => (t.frame.isGrouped() ? (t.sameGroupsAs?.local() ?? t.local()).groups() : null),
  toArrow: (t) => (options) => aq.toArrow(t.local(), options),
  // reify lays the rows out in the table's order (Arquero's reify, on the materialized rows); the frame stays
  // the same lazy plan
  reify: (t) => () => (t.frame.isOrdered() ? new Wrapped(t.frame, () => t.local().reify(), undefined, true).proxy : t.proxy),
};

/**
 * Arquero keeps a table's groups object through verbs that neither regroup nor change its rows (derive, select,
 * impute without expand...): a verb whose plan only adds projections over its input, with the same grouping,
 * answers groups() with its input's (computed from the input's rows, which are its own).
 */
function keepsGroups(source, result) {
  if (!source.frame.isGrouped()) return false;
  const same = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
  if (!same(source.frame.groups(), result.groups()) || !same(groupColumns(source.frame.state), groupColumns(result.state))) return false;
  let node = result.state.node;
  while (node !== source.frame.state.node && node.kind === 'project') node = node.input;
  return node === source.frame.state.node && node !== result.state.node;
}

class Wrapped {
  constructor(frame, make = () => materialize(frame), source, reified = false) {
    this.frame = frame;
    this.make = make;
    this.cached = undefined;
    // a reified table's rows are laid out sorted; verbs after it materialize in ordinal order again
    this.reified = reified;
    this.sameGroupsAs = source && !source.reified && keepsGroups(source, frame) ? (source.sameGroupsAs ?? source) : undefined;
    this.proxy = new Proxy(this, {
      get: (target, key) => {
        if (key === FRAME) return target.frame;
        if (typeof key === 'string' && key in READS) return READS[key](target);
        const member = target.frame[key];
        if (typeof member !== 'function') return member;
        return (...args) => {
          const result = member.apply(target.frame, args.map(unwrap));
          return result instanceof ff.Table ? new Wrapped(result, undefined, target).proxy : result;
        };
      },
    });
  }

  local() {
    return (this.cached ??= this.make());
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
