/** Reads one Parquet file with hyparquet and writes it to stdout as Arrow IPC (see parquet-read.ts). */
import { readFileSync, writeSync } from 'node:fs';
import * as aq from 'arquero';
import { parquetReadObjects } from 'hyparquet';

const bytes = readFileSync(process.argv[2]!);
const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length);
const rows = (await parquetReadObjects({ file })) as Record<string, unknown>[];
const ipc = aq.from(rows).toArrowIPC() as Uint8Array;
for (let at = 0; at < ipc.length; ) at += writeSync(1, ipc, at);
