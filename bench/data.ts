// Reading + schema inference + preprocessing + conversion of the full Online Retail file, per stage.
// Prints wall time and process CPU time (polars' threads included) beside a baseline measured in the
// same run: a plain polars readCSV of the same file. Run: npx tsx bench/data.ts
import pl from 'nodejs-polars';
import { loadavg } from 'node:os';
import { readDataset } from '../src/core/data/io';
import { inferSchema } from '../src/core/data/schema';
import { preprocess } from '../src/core/data/preprocess';
import { dataFrameToTable } from '../src/core/data/table-convert';
import { toInteractions } from '../src/core/data/interactions-build';

const FILE = '../shared/data/online-retail/online_retail_2010-12_to_2011-08.csv';

async function main(): Promise<void> {
  const rows: [string, number, number][] = [];
  let wall = performance.now();
  let cpu = process.cpuUsage();
  const lap = (name: string): void => {
    const c = process.cpuUsage(cpu);
    rows.push([name, performance.now() - wall, (c.user + c.system) / 1000]);
    wall = performance.now();
    cpu = process.cpuUsage();
  };
  const baseline = pl.readCSV(FILE, { inferSchemaLength: 0 });
  lap('baseline: polars readCSV alone');
  const { df } = await readDataset(FILE);
  lap('readDataset (structure check + read)');
  const schema = inferSchema(df, 'online_retail.csv');
  lap('inferSchema');
  const { df: clean, report } = preprocess(df, schema);
  lap('preprocess (10 rules)');
  const table = dataFrameToTable(clean, schema);
  lap('dataFrameToTable');
  const x = toInteractions(table, schema);
  lap('toInteractions');
  let totalWall = 0;
  let totalCpu = 0;
  for (const [, w, c] of rows.slice(1)) {
    totalWall += w;
    totalCpu += c;
  }
  console.log(`file: ${FILE} (${baseline.height.toLocaleString('en-US')} rows -> ${report.rowsOut.toLocaleString('en-US')} kept, ${x.userIds.length} users, ${x.itemIds.length} items)`);
  console.log(`load average at start of print: ${loadavg().map((v) => v.toFixed(2)).join(' ')}`);
  for (const [name, w, c] of rows) console.log(`${name.padEnd(40)} wall ${w.toFixed(0).padStart(6)} ms   cpu ${c.toFixed(0).padStart(6)} ms`);
  console.log(`${'total (read..toInteractions)'.padEnd(40)} wall ${totalWall.toFixed(0).padStart(6)} ms   cpu ${totalCpu.toFixed(0).padStart(6)} ms`);
}

void main();
