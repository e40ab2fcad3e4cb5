/** Constraint checks shared by the behaviour tests: every rule generation must enforce. */
import assert from 'node:assert/strict';
import type { Interactions } from '../../../src/core/data/interactions';

export function assertConstraints(real: Interactions, syn: Interactions, opts: { requires?: Record<string, string>; strictTime?: boolean } = {}): void {
  let tMin = Infinity;
  let tMax = -Infinity;
  for (const t of real.time) {
    tMin = Math.min(tMin, t);
    tMax = Math.max(tMax, t);
  }
  const realItems = new Set(real.itemIds);
  const pricesOf = new Map<string, Set<number>>();
  if (real.price) {
    for (let i = 0; i < real.item.length; i++) {
      const id = real.itemIds[real.item[i]!]!;
      if (!pricesOf.has(id)) pricesOf.set(id, new Set());
      pricesOf.get(id)!.add(real.price[i]!);
    }
  }
  const seen = new Map<string, Set<string>>();
  for (let i = 0; i < syn.user.length; i++) {
    const item = syn.itemIds[syn.item[i]!];
    assert.ok(item !== undefined && realItems.has(item), `event ${i}: item ${item} is not a real item`);
    assert.ok(syn.userIds[syn.user[i]!] !== undefined, `event ${i}: unknown user`);
    const t = syn.time[i]!;
    assert.ok(t >= tMin && t <= tMax, `event ${i}: time ${t} outside [${tMin}, ${tMax}]`);
    if (i > 0 && syn.user[i] === syn.user[i - 1]) {
      assert.ok(t >= syn.time[i - 1]!, `event ${i}: time goes back`);
      if (opts.strictTime) assert.ok(t > syn.time[i - 1]!, `event ${i}: time does not increase`);
    } else if (i > 0) assert.ok(syn.user[i]! > syn.user[i - 1]!, 'events are not grouped by user');
    if (syn.quantity) assert.ok(syn.quantity[i]! > 0, `event ${i}: quantity ${syn.quantity[i]}`);
    if (syn.price && real.price) assert.ok(pricesOf.get(item)!.has(syn.price[i]!), `event ${i}: price ${syn.price[i]} never seen for ${item}`);
    if (syn.eventType && syn.eventTypes) {
      const type = syn.eventTypes[syn.eventType[i]!]!;
      const key = `${syn.user[i]}|${item}`;
      const need = opts.requires?.[type];
      if (need) assert.ok(seen.get(key)?.has(need), `event ${i}: ${type} of ${item} without an earlier ${need}`);
      if (!seen.has(key)) seen.set(key, new Set());
      seen.get(key)!.add(type);
    }
  }
}
