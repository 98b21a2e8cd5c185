// Generates docs/parity.md: every Arquero verb and op with its status in flinkframe (Flink SQL, JavaScript, or
// unsupported and why), decided by the code itself: each op is translated from a representative lambda, each
// verb is called on a small frame. `npm run parity` writes the file; test/parity.test.ts fails when it drifts.
// Reads the compiled library (dist/): build first (npm run parity does).
import * as aq from 'arquero';
import { aggregateFunctions, functions, windowFunctions } from 'arquero/src/op/index.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as ff from '../dist/src/index.js';
import { FlinkFrameError } from '../dist/src/errors.js';
import { translateExpr } from '../dist/src/translate/expression.js';
import { KNOWN_DIFFERENCES, OPS } from '../dist/src/translate/op-registry.js';

export const PARITY_FILE = fileURLToPath(new URL('../docs/parity.md', import.meta.url));
const ARQUERO_VERSION = JSON.parse(readFileSync(fileURLToPath(new URL('../node_modules/arquero/package.json', import.meta.url)), 'utf8')).version;

/** The columns a representative lambda reads, one per argument kind of the op registry. */
const SCHEMA = [
  { name: 'x', type: 'DOUBLE' }, { name: 'i', type: 'INT' }, { name: 's', type: 'STRING' },
  { name: 't', type: 'TIMESTAMP(3)' }, { name: 'b', type: 'BOOLEAN' },
];
const ARG_FOR_KIND = {
  any: 'd.x', number: 'd.x', wide: 'd.x', double: 'd.x', math: 'd.x', mathWide: 'd.x', mathDouble: 'd.x', integer: 'd.i',
  string: 'd.s', sequence: 'd.s', time: 'd.t', constant: '0.5',
};
const argFor = (kind) => {
  if (!Object.hasOwn(ARG_FOR_KIND, kind)) throw new Error(`scripts/parity.mjs: no representative argument for the kind "${kind}" (add it to ARG_FOR_KIND)`);
  return ARG_FOR_KIND[kind];
};

/** Ops whose representative call is not "one column per argument kind". */
const OP_CALLS = {
  to_json: 'op.to_json(d.s)',
  recode: "op.recode(d.s, { a: 'A', b: 'B' }, '?')",
  parse_float: 'op.parse_float(d.s)',
  parse_int: 'op.parse_int(d.s)',
  equal: 'op.equal(d.s, d.s)',
  ntile: 'op.ntile(4)',
  nth_value: 'op.nth_value(d.x, 2)',
  quantile: 'op.quantile(d.x, 0.25)',
  bin: 'op.bin(d.x, 0, 10, 1)',
  join: "op.join(op.split(d.s, ','), '-')",
};

/** Arquero's methods of a table that are not verbs: accessors, materializers and output formats. */
const NOT_VERBS = new Set([
  'array', 'column', 'columnAt', 'columnIndex', 'columnName', 'columnNames', 'comparator', 'create', 'data', 'get', 'getter',
  'groups', 'indices', 'isFiltered', 'isGrouped', 'isOrdered', 'mask', 'numCols', 'numRows', 'object', 'objects',
  'partitions', 'print', 'scan', 'toArrow', 'toArrowIPC', 'toCSV', 'toHTML', 'toJSON', 'toMarkdown', 'totalRows',
  'values', 'params', 'reify',
]);

/** The smallest reducer in Arquero's protocol (outputs/init/add/write): the number of rows. */
const COUNT_REDUCER = {
  outputs: () => ['n'],
  init: () => ({ n: 0 }),
  add: (state) => void state.n++,
  write: (state, values, index) => ((values.n[index] = state.n), 1),
};

/**
 * Verbs that run but not as Flink SQL: the status and why (reduce's reducer is JavaScript state with closures,
 * so it runs in this process over the rows a pre-query collects).
 */
const NOT_SQL = {
  reduce: { status: 'JavaScript', detail: 'runs the reducer in this process over the table collected by a pre-query (not distributed: reducers are JavaScript state with closures)' },
};

/** A representative call of each Arquero verb (t: a frame with columns g, i, x, s; o: another frame; ot, oo: the same two in a session with rowOrder: 'arquero'). */
const VERB_CALLS = {
  antijoin: (t, o) => t.antijoin(o, 'g'),
  assign: (t, o) => t.assign(o),
  // assign pairs rows by position, which a session keeps only with rowOrder: 'arquero' (ordered frames: ot, oo)
  "assign with rowOrder: 'arquero'": (t, o, ot, oo) => ot.assign(oo.select('x').rename({ x: 'x2' })),
  concat: (t, o) => t.concat(o),
  count: (t) => t.groupby('g').count(),
  cross: (t, o) => t.cross(o.rename({ g: 'g2' })),
  dedupe: (t) => t.dedupe('g'),
  derive: (t) => t.derive({ y: (d) => d.x * 2 }),
  except: (t, o) => t.except(o),
  filter: (t) => t.filter((d) => d.x > 0),
  fold: (t) => t.fold(['x', 'i']),
  groupby: (t) => t.groupby('g'),
  impute: (t) => t.impute({ x: () => 0 }),
  intersect: (t, o) => t.intersect(o),
  join: (t, o) => t.join(o, 'g'),
  join_full: (t, o) => t.join_full(o, 'g'),
  join_left: (t, o) => t.join_left(o, 'g'),
  join_right: (t, o) => t.join_right(o, 'g'),
  lookup: (t, o) => t.lookup(o.rename({ x: 'x2' }), 'g', 'x2'),
  orderby: (t) => t.orderby('x', aq.desc('s')),
  'orderby with collate()': (t) => t.orderby(aq.collate('s', 'de')),
  pivot: (t) => t.pivot('g', 'x'),
  reduce: (t) => t.reduce(COUNT_REDUCER),
  relocate: (t) => t.relocate('x', { before: 'g' }),
  rename: (t) => t.rename({ x: 'y' }),
  rollup: (t) => t.groupby('g').rollup({ m: aq.op.mean('x') }),
  sample: (t) => t.sample(2),
  select: (t) => t.select('x', 'g'),
  semijoin: (t, o) => t.semijoin(o, 'g'),
  slice: (t) => t.orderby('i').slice(1, 3),
  spread: (t) => t.derive({ a: (d) => aq.op.split(d.s, ',') }).spread('a', { limit: 2 }),
  ungroup: (t) => t.groupby('g').ungroup(),
  union: (t, o) => t.union(o),
  unorder: (t) => t.orderby('x').unorder(),
  unroll: (t) => t.derive({ a: (d) => aq.op.split(d.s, ',') }).unroll('a'),
};

const cell = (text) => String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (text) => '`` ' + cell(text.length > 110 ? text.slice(0, 109) + '…' : text) + ' ``';

/** The reason in a FlinkFrameError, without the verb/output prefix and the repeated expression. */
function reason(message) {
  return message.replace(/^\w+: (expression for "[^"]*"|predicate) /, '').replace(/\. Expression: [\s\S]*$/, '').replace(/^\w+: /, '')
    .replace(/^calls \S+ \(.*?\), which /, '');
}

function opKind(name) {
  if (Object.hasOwn(aggregateFunctions, name)) return 'aggregate';
  if (Object.hasOwn(windowFunctions, name)) return 'window';
  return 'function';
}

function arity(name, kind) {
  if (kind === 'aggregate') return aggregateFunctions[name].param.reduce((a, b) => a + b, 0);
  if (kind === 'window') return windowFunctions[name].param.reduce((a, b) => a + b, 0);
  return (functions[name] ?? aq.op[name]).length;
}

function opCall(name, kind) {
  if (OP_CALLS[name]) return OP_CALLS[name];
  const def = OPS[name];
  const args = def
    ? def.args.slice(0, def.args.length - (def.optional ?? 0)).map(argFor)
    : Array.from({ length: arity(name, kind) }, () => 'd.x');
  return `op.${name}(${args.join(', ')})`;
}

/** Asks the translator what it does with a representative call of the op. */
function opStatus(name) {
  const kind = opKind(name);
  const call = opCall(name, kind);
  const udfs = { functions: new Map(), calls: [] };
  const scope = kind === 'aggregate'
    ? { verb: 'rollup', schema: SCHEMA, params: {}, udfs }
    : { verb: 'derive', schema: SCHEMA, params: {}, udfs, window: { partition: [], order: [{ column: 'i', desc: false }], before: new Map() } };
  try {
    const result = translateExpr('out', `d => ${call}`, scope);
    if (udfs.calls.length > 0) return { name, kind, call, status: 'JavaScript', detail: 'runs as a JavaScript UDF stage' };
    return { name, kind, call, status: 'Flink SQL', detail: code(result.sql) };
  } catch (e) {
    if (!(e instanceof FlinkFrameError)) throw e;
    // a wrong representative call says nothing about the op: that is a bug here
    if (/ with \d+ argument\(s\)| passes .* which expects /.test(e.message)) throw new Error(`scripts/parity.mjs: the representative call ${call} is wrong: ${e.message}`);
    return { name, kind, call, status: 'unsupported', detail: cell(reason(e.message)) };
  }
}

/** The labels of a plan's nodes (each verb's label says whether it ran a pre-query). */
function labels(node) {
  if (!node || typeof node !== 'object') return [];
  const children = Object.values(node).flatMap((v) => (Array.isArray(v) ? v : [v])).filter((v) => v && typeof v === 'object' && 'kind' in v);
  return [...(typeof node.label === 'string' ? [node.label] : []), ...children.flatMap(labels)];
}

/** Calls the verb on small frames: implemented, refused at the call (and why), or missing. */
function verbStatus(name, ...frames) {
  const base = name.split(' ')[0];
  if (typeof ff.Table.prototype[base] !== 'function') return { name, status: 'unsupported', detail: 'not implemented' };
  const call = VERB_CALLS[name];
  try {
    const result = call(...frames);
    const preQuery = labels(result.state.node).some((l) => /pre-query/.test(l)) ? ' (with a pre-query: a small Flink job at the call)' : '';
    return NOT_SQL[name] ? { name, ...NOT_SQL[name] } : { name, status: 'Flink SQL', detail: `implemented${preQuery}` };
  } catch (e) {
    if (!(e instanceof FlinkFrameError)) throw e;
    return { name, status: 'unsupported', detail: cell(reason(e.message)) };
  }
}

function arqueroVerbs() {
  const names = new Set();
  for (let p = aq.ColumnTable.prototype; p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    for (const key of Object.getOwnPropertyNames(p)) {
      if (key !== 'constructor' && typeof Object.getOwnPropertyDescriptor(p, key).value === 'function' && !NOT_VERBS.has(key)) names.add(key);
    }
  }
  const missing = [...names].filter((n) => !VERB_CALLS[n]);
  if (missing.length) throw new Error(`scripts/parity.mjs: Arquero has verbs with no representative call in VERB_CALLS: ${missing.join(', ')}`);
  return [...new Set([...names, ...Object.keys(VERB_CALLS)])].sort();
}

function summary(rows) {
  const count = (s) => rows.filter((r) => r.status === s).length;
  return `${count('Flink SQL')} Flink SQL, ${count('JavaScript')} JavaScript, ${count('unsupported')} unsupported`;
}

/** The text of docs/parity.md, computed from the code (runs a few small Flink jobs for pre-query verbs). */
export async function parityMarkdown() {
  const opNames = [...new Set(Object.keys(aq.op))].sort();
  const ops = opNames.map(opStatus);
  const fl = ff.session({ parallelism: 1 });
  const ordered = ff.session({ parallelism: 1, rowOrder: 'arquero' });
  let verbs;
  try {
    const frames = [fl, ordered].flatMap((session) => [
      session.table({ g: ['a', 'b', 'a'], i: Int32Array.from([1, 2, 3]), x: [1.5, null, 3], s: ['p,q', 'r', ''] }),
      session.table({ g: ['a', 'c', 'd'], i: Int32Array.from([1, 4, 5]), x: [1.5, 2, 7], s: ['p,q', 'z', ''] }),
    ]);
    verbs = arqueroVerbs().map((name) => verbStatus(name, ...frames));
  } finally {
    await Promise.all([fl.close(), ordered.close()]);
  }
  const opTable = (kind) => {
    const rows = ops.filter((r) => r.kind === kind);
    return [`${summary(rows)}.`, '', '| op | status | Flink SQL form, or why not | call translated |', '| --- | --- | --- | --- |',
      ...rows.map((r) => `| \`${r.name}\` | ${r.status} | ${r.detail} | \`${r.call}\` |`)].join('\n');
  };
  return [
    '# Arquero parity',
    '',
    `<!-- Generated by scripts/parity.mjs (npm run parity) from the code; test/parity.test.ts fails when this file is out of date. Do not edit. -->`,
    '',
    `Every verb and \`op\` function of Arquero ${ARQUERO_VERSION}, and what flinkframe does with it: **Flink SQL** (translated and`,
    'run by Flink, with Arquero\'s semantics except for the differences listed below and in [semantics.md](semantics.md)),',
    '**JavaScript** (runs as a JavaScript UDF stage, see [udfs.md](udfs.md)), or **unsupported** (refused at the verb call',
    'with the reason shown). The status is decided by the code: each op is translated from the representative call in the',
    'last column, each verb is called on a small frame. How Arquero\'s own verb tests fare on flinkframe:',
    '[arquero-tests.md](arquero-tests.md).',
    '',
    `## Verbs`,
    '',
    `${summary(verbs)}.`,
    '',
    '| verb | status | notes |',
    '| --- | --- | --- |',
    ...verbs.map((v) => `| \`${v.name}\` | ${v.status} | ${v.detail} |`),
    '',
    '## Aggregate functions',
    '',
    opTable('aggregate'),
    '',
    '## Window functions',
    '',
    opTable('window'),
    '',
    '## Scalar functions',
    '',
    opTable('function'),
    '',
    '## Known differences of the Flink SQL forms',
    '',
    '| ops | difference |',
    '| --- | --- |',
    ...KNOWN_DIFFERENCES.map((d) => `| ${cell(d.op)} | ${cell(d.difference)} |`),
    '',
  ].join('\n');
}

// `node scripts/parity.mjs` writes docs/parity.md; `--out <file>` writes elsewhere (the drift test compares)
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const at = process.argv.indexOf('--out');
  const file = at > 0 ? process.argv[at + 1] : PARITY_FILE;
  writeFileSync(file, await parityMarkdown());
  console.log(`wrote ${file}`);
}
