/**
 * Danfo.js code on Flink: the same calls as danfojs-node (column access, query with boolean Series, addColumn,
 * groupby/agg, merge, sortValues, describe), but lazy: nothing runs until a materializer is awaited. The result
 * comes back as a danfojs-node DataFrame.
 *
 *   node dist/examples/danfo-sales.js
 */
import * as ff from '../src/index.js';

const { danfo } = ff;

const sales = new danfo.DataFrame({
  region: ['north', 'south', 'north', 'east', 'south', 'north'],
  units: [3, 5, 2, 8, 1, 4],
  price: [2.5, 1.25, 3.0, 0.5, 10.0, 2.0],
});
const managers = new danfo.DataFrame({ region: ['north', 'south', 'east'], manager: ['Ada', 'Bo', 'Cy'] });

// one Flink SQL filter: WHERE units > 1 AND region <> 'east'
const recent = sales.query(sales.units.gt(1).and(sales.region.ne('east')));
const priced = recent.addColumn('revenue', recent.units.mul(recent.price));
const byRegion = priced.groupby(['region']).agg({ revenue: 'sum', units: ['mean', 'count'] });
const report = danfo.merge({ left: byRegion, right: managers, on: ['region'], how: 'left' }).sortValues('revenue_sum', { ascending: false });

console.log(report.explain());
await report.print();
await sales.describe().print();

const local = await report.toDanfo(); // a danfojs-node DataFrame, for plotting or anything Danfo does
local.print();
await ff.close();
