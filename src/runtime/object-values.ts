/**
 * Columns of JS objects and RegExps. Flink has no such values; each is sent as a ROW of texts, whose first
 * field's name says how collect makes the value again (collect-nested.ts):
 * - ROW<`__ff_json` STRING, `__ff_equal` STRING>: a plain object as JSON.stringify writes it (keys in insertion
 *   order), and a text with keys sorted and dates as numbers, equal where op.equal's deep equality is;
 * - ROW<`__ff_regexp` STRING>: a RegExp as String(re) writes it (/source/flags).
 * A join on such keys compares whole rows, so objects match where Arquero's join keys (util/key-function.js:
 * keys in insertion order, RegExps as text) match; op.equal compares `__ff_equal` (op-registry.ts), see
 * docs/semantics.md.
 */
import { FlinkFrameError } from '../errors.js';

interface ObjectForm {
  tag: string;
  is: (v: object) => boolean;
  text: (v: object) => string;
  value: (text: string) => unknown;
  /** A second text, compared by op.equal. */
  equalText?: (v: object) => string;
}

/** Deep-equality text as Arquero's op.equal sees values: object keys in any order, a Date as its number. */
function equalText(v: unknown): string {
  if (v instanceof Date) return String(+v);
  if (v instanceof RegExp) return JSON.stringify(String(v));
  if (Array.isArray(v)) return `[${v.map(equalText).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const keys = Object.keys(v).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${equalText((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return v === undefined ? 'undefined' : JSON.stringify(v);
}

const isPlainObject = (v: object) => Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null;

export const OBJECT_FORMS: ObjectForm[] = [
  { tag: '__ff_json', is: isPlainObject, text: (v) => JSON.stringify(v), value: (text) => JSON.parse(text), equalText },
  {
    tag: '__ff_regexp',
    is: (v) => v instanceof RegExp,
    text: (v) => String(v),
    value: (text) => new RegExp(text.slice(1, text.lastIndexOf('/')), text.slice(text.lastIndexOf('/') + 1)),
  },
];

export const EQUAL_FIELD = '__ff_equal';

const objectColumnType = (form: ObjectForm) =>
  `ROW<\`${form.tag}\` STRING${form.equalText ? `, \`${EQUAL_FIELD}\` STRING` : ''}>`;

/** The form of a column whose values are all objects of one form (or null), else undefined. */
function formOf(name: string, values: ArrayLike<unknown>): ObjectForm | undefined {
  if (ArrayBuffer.isView(values)) return undefined;
  let form: ObjectForm | undefined;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) continue;
    const found = typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) ? OBJECT_FORMS.find((f) => f.is(v)) : undefined;
    if (!found) {
      if (form) throw new FlinkFrameError(`Column "${name}" mixes ${form.tag === '__ff_json' ? 'objects' : 'RegExps'} with other values (row ${i}: ${String(v).slice(0, 40)}); make it one kind.`);
      return undefined;
    }
    if (form && form !== found) throw new FlinkFrameError(`Column "${name}" mixes plain objects and RegExps (row ${i}); make it one kind.`);
    form = found;
  }
  return form;
}

/** Columns of objects or RegExps as columns of tagged text rows, with their Flink types; others as they are. */
export function encodeObjectColumns(
  given: [string, ArrayLike<unknown>][],
  types: Record<string, string>,
): { given: [string, ArrayLike<unknown>][]; types: Record<string, string> } {
  const out = { given: [...given], types: { ...types } };
  given.forEach(([name, values], i) => {
    if (types[name]) return;
    const form = formOf(name, values);
    if (!form) return;
    out.types[name] = objectColumnType(form);
    out.given[i] = [name, Array.from(values, (v) => (v == null ? null : {
      [form.tag]: form.text(v as object),
      ...(form.equalText ? { [EQUAL_FIELD]: form.equalText(v as object) } : {}),
    }))];
  });
  return out;
}

/** The JS value of a collected tagged row, or undefined when the tag is not one of these forms. */
export function objectDecoder(tag: string): ((text: string) => unknown) | undefined {
  return OBJECT_FORMS.find((f) => f.tag === tag)?.value;
}
