/**
 * Reads the shared Online Retail CSV into Interactions for the recsys tests and bench, with the
 * cleaning the data loader applies (rows with a customer, positive quantity and price, no
 * cancellations). Kept here until src/core/data's loadInteractions lands.
 */
import pl from 'nodejs-polars';
import type { Interactions } from '../../../src/core/data/interactions';

export const ONLINE_RETAIL_CSV = '../shared/data/online-retail/online_retail_2010-12_to_2011-08.csv';

export function readOnlineRetail(path: string = ONLINE_RETAIL_CSV): Interactions {
  const raw = pl.readCSV(path, { inferSchemaLength: 0 });
  const df = raw
    .withRowCount('row')
    .filter(
      pl
        .col('CustomerID')
        .isNotNull()
        .and(pl.col('Quantity').cast(pl.Float64, false).gt(0))
        .and(pl.col('UnitPrice').cast(pl.Float64, false).gt(0))
        .and(pl.col('InvoiceNo').str.startsWith('C').not()),
    )
    .withColumns(
      pl.col('InvoiceDate').str.strptime(pl.Datetime('ms'), '%Y-%m-%d %H:%M:%S').alias('ts'),
      pl.col('Quantity').cast(pl.Float64, false).alias('qty'),
      pl.col('UnitPrice').cast(pl.Float64, false).alias('price'),
    );
  const customers = df.getColumn('CustomerID').toArray() as string[];
  const stock = df.getColumn('StockCode').toArray() as string[];
  const invoices = df.getColumn('InvoiceNo').toArray() as string[];
  const descriptions = df.getColumn('Description').toArray() as (string | null)[];
  const times = (df.getColumn('ts').toArray() as unknown as Date[]).map((d) => d.getTime());
  const qty = df.getColumn('qty').toArray() as number[];
  const price = df.getColumn('price').toArray() as number[];
  const n = customers.length;

  const encode = (values: readonly string[]): { ids: string[]; codes: Int32Array } => {
    const index = new Map<string, number>();
    const ids: string[] = [];
    const codes = new Int32Array(values.length);
    values.forEach((v, i) => {
      let c = index.get(v);
      if (c === undefined) {
        c = ids.length;
        index.set(v, c);
        ids.push(v);
      }
      codes[i] = c;
    });
    return { ids, codes };
  };
  const users = encode(customers.map((c) => c.replace(/\.0$/, '')));
  const items = encode(stock);
  const baskets = encode(invoices);

  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => users.codes[a]! - users.codes[b]! || times[a]! - times[b]! || a - b);
  const user = new Int32Array(n);
  const item = new Int32Array(n);
  const time = new Float64Array(n);
  const quantity = new Float64Array(n);
  const unitPrice = new Float64Array(n);
  const basket = new Int32Array(n);
  order.forEach((r, i) => {
    user[i] = users.codes[r]!;
    item[i] = items.codes[r]!;
    time[i] = times[r]!;
    quantity[i] = qty[r]!;
    unitPrice[i] = price[r]!;
    basket[i] = baskets.codes[r]!;
  });
  const description: (string | null)[] = new Array<string | null>(items.ids.length).fill(null);
  const itemPrice: (number | null)[] = new Array<number | null>(items.ids.length).fill(null);
  for (let r = 0; r < n; r++) {
    const it = items.codes[r]!;
    if (description[it] === null && descriptions[r]) description[it] = descriptions[r]!.trim();
    if (itemPrice[it] === null) itemPrice[it] = price[r]!;
  }
  return {
    userIds: users.ids,
    itemIds: items.ids,
    user,
    item,
    time,
    quantity,
    price: unitPrice,
    basket,
    basketIds: baskets.ids,
    columnNames: { user: 'CustomerID', item: 'StockCode', time: 'InvoiceDate', quantity: 'Quantity', price: 'UnitPrice', basket: 'InvoiceNo' },
    itemFeatures: { Description: description, UnitPrice: itemPrice },
  };
}
