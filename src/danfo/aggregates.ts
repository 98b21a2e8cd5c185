/** Danfo's aggregate names and the Arquero op each one is (then Flink SQL, through the op registry). */
export const AGGREGATES: Record<string, (column: string) => string> = {
  mean: (c) => `op.mean(${c})`,
  sum: (c) => `op.sum(${c})`,
  // Danfo's groupby count is the group's size (it counts null and NaN values too)
  count: () => 'op.count()',
  std: (c) => `op.stdev(${c})`,
  var: (c) => `op.variance(${c})`,
  min: (c) => `op.min(${c})`,
  max: (c) => `op.max(${c})`,
  median: (c) => `op.median(${c})`,
};
