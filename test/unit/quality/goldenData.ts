// Loads the SDMetrics golden tables (../shared/golden/sdmetrics) as the metrics see them.
import { readFileSync } from 'node:fs';
import { parseMetadata, type SingleTableMetadata } from '../../../src/core/quality/metadata';
import { prepareTable, type PreparedTable } from '../../../src/core/quality/prepared';
import { readCsvTable } from '../../../src/core/quality/readTable';
import type { Table } from '../../../src/core/data/table';

export const GOLDEN_DIR = '../shared/golden/sdmetrics';
export const CANDIDATES = {
  noisy: 'items_synth_noisy.csv',
  shuffled: 'items_synth_shuffled.csv',
  copy: 'items_synth_copy.csv',
  'holdout_as_synthetic (extra)': 'items_holdout.csv',
} as const;
export type CandidateName = keyof typeof CANDIDATES;

export const metadata: SingleTableMetadata = parseMetadata(JSON.parse(readFileSync(`${GOLDEN_DIR}/metadata.json`, 'utf8')), 'metadata.json');

export function loadTable(file: string): Table {
  return readCsvTable(`${GOLDEN_DIR}/${file}`, metadata);
}

export function loadPrepared(file: string): PreparedTable {
  return prepareTable(loadTable(file), metadata, file);
}

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export const expected = JSON.parse(readFileSync(`${GOLDEN_DIR}/expected.json`, 'utf8')) as {
  candidates: Record<CandidateName, Record<string, Json>>;
};
export const dcrExpected = JSON.parse(readFileSync(`${GOLDEN_DIR}/dcr_values.json`, 'utf8')) as Record<string, Json>;
