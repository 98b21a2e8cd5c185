/** Small tables with the awkward values: nulls, NaN, negative numbers, quotes, unicode, empty strings. */
export const people = {
  id: [1, 2, 3, 4, 5, 6],
  name: ['Ada', "O'Brien", 'Zoë', '李雷', '', 'Bob "B"'],
  dept: ['eng', 'ops', 'eng', null, 'ops', 'eng'],
  age: [36, 41, null, 29, 52, 23],
  salary: [120.5, 99.25, 130, 87.75, null, 64],
  active: [true, false, true, true, null, false],
};

export const depts = {
  dept: ['eng', 'ops', 'sales'],
  floor: [3, 1, 2],
};

export const numbers = {
  a: [7, -7, 3, 0, 10, -1],
  b: [2, 2, -4, 5, 3, 3],
  x: [1.5, -2.25, 0.1, 1e10, -0.5, 2.5],
};

export const empty = { a: [] as number[], s: [] as string[] };
