// Cuts samples/online-retail-sample.csv from the shared Online Retail file (CC BY 4.0, see samples/README.md).
// The cut keeps the file's dirt: every line of a seeded random subset of customers (with their
// cancellations, returns, postage lines, duplicates and zero prices) plus every line of a seeded
// random subset of guest invoices (no CustomerID). Lines are copied verbatim, in file order.
// Usage: npx tsx scripts/make-sample.ts [input] [output]
import { readFileSync } from 'node:fs';
import { Rng } from '../src/core/runtime/rng';
import { writeTextAtomic } from '../src/core/data/atomic';

const SEED = 20111209;
const CUSTOMER_SHARE = 0.08;
const GUEST_INVOICE_SHARE = 0.08;

function fields(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** Picks a seeded share of the distinct keys, independent of file order (keys sorted first). */
function pick(keys: Set<string>, share: number, rng: Rng): Set<string> {
  return new Set([...keys].sort().filter(() => rng.uniform() < share));
}

async function main(): Promise<void> {
  const input = process.argv[2] ?? '../shared/data/online-retail/online_retail_2010-12_to_2011-08.csv';
  const output = process.argv[3] ?? 'samples/online-retail-sample.csv';
  const lines = readFileSync(input, 'utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const header = fields(lines[0]!);
  const iInvoice = header.indexOf('InvoiceNo');
  const iCustomer = header.indexOf('CustomerID');
  if (iInvoice < 0 || iCustomer < 0) throw new Error(`${input}: expected InvoiceNo and CustomerID columns, found ${header.join(', ')}.`);
  const rows = lines.slice(1).map((line) => fields(line));
  const customers = new Set<string>();
  const guestInvoices = new Set<string>();
  for (const f of rows) {
    const c = f[iCustomer] ?? '';
    if (c !== '') customers.add(c);
    else guestInvoices.add(f[iInvoice] ?? '');
  }
  const rng = new Rng(SEED);
  const keepCustomers = pick(customers, CUSTOMER_SHARE, rng);
  const keepGuests = pick(guestInvoices, GUEST_INVOICE_SHARE, rng);
  const kept = [lines[0]!];
  rows.forEach((f, k) => {
    const c = f[iCustomer] ?? '';
    if (c !== '' ? keepCustomers.has(c) : keepGuests.has(f[iInvoice] ?? '')) kept.push(lines[k + 1]!);
  });
  const text = `${kept.join('\n')}\n`;
  await writeTextAtomic(output, text);
  console.log(
    `${output}: ${(kept.length - 1).toLocaleString('en-US')} lines, ${(Buffer.byteLength(text) / 1e6).toFixed(2)} MB; ` +
      `${keepCustomers.size} of ${customers.size} customers, ${keepGuests.size} of ${guestInvoices.size} guest invoices (seed ${SEED}).`,
  );
}

void main();
