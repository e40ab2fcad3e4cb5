import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activityLevel, GAP_START, gapBucket, gapBucketLowerMs, N_GAP_BUCKETS, quantityBucket } from '../../../src/core/synth/behaviour/buckets';
import { encodeSequences } from '../../../src/core/synth/behaviour/encoding';
import { computeStats, findPrerequisites } from '../../../src/core/synth/behaviour/stats';
import { logOf, retailFixture } from './fixtures';

test('gap buckets: zero, log-spaced edges, 30-minute session edge, open last bucket', () => {
  assert.equal(gapBucket(0), 0);
  assert.equal(gapBucket(1), 1);
  assert.equal(gapBucket(1000), 1);
  assert.equal(gapBucket(1001), 2);
  assert.equal(gapBucket(30 * 60 * 1000), 5);
  assert.equal(gapBucket(30 * 60 * 1000 + 1), 6);
  assert.equal(gapBucket(1e12), N_GAP_BUCKETS - 1);
  assert.equal(gapBucketLowerMs(6), 1_800_001);
  for (let b = 1; b < N_GAP_BUCKETS; b++) assert.equal(gapBucket(gapBucketLowerMs(b)), b);
});

test('quantity buckets and activity levels', () => {
  assert.deepEqual([1, 2, 3, 5, 6, 12, 24, 48, 1000].map(quantityBucket), [0, 1, 2, 2, 3, 4, 5, 6, 6]);
  assert.deepEqual([1, 2, 3, 4, 7, 8, 5000].map(activityLevel), [0, 1, 1, 2, 2, 3, 9]);
});

test('encoding: rare items share the OOV class, kinds from quantities, gaps and boundaries', () => {
  const H = 3_600_000;
  const x = logOf([
    { u: 'A', i: 'x', t: 0, q: 1, b: 'i1' },
    { u: 'A', i: 'y', t: 0, q: 2, b: 'i1' },
    { u: 'A', i: 'x', t: 10 * 60_000, q: 30, b: 'i2' },
    { u: 'A', i: 'x', t: 3 * H, q: 6, b: 'i3' },
    { u: 'B', i: 'z', t: 0, q: 1, b: 'i4' },
  ]);
  const enc = encodeSequences(x, { minCount: 2, userFeatures: { country: ['France', null] } });
  assert.equal(enc.nClasses, 2); // x, then one OOV class for y and z
  assert.equal(enc.oovClass, 1);
  assert.deepEqual(Array.from(enc.itemClass), [0, 1, 1]);
  assert.deepEqual(Array.from(enc.classItem), [0, -1]);
  assert.equal(enc.kinds.source, 'quantity');
  assert.deepEqual(Array.from(enc.kind), [0, 1, 5, 3, 0]);
  assert.deepEqual(Array.from(enc.gap), [GAP_START, 0, 5, 7, GAP_START]);
  // Boundary: first event, basket change within 30 minutes, gap over 30 minutes.
  assert.deepEqual(Array.from(enc.boundary), [1, 0, 1, 1, 1]);
  assert.equal(enc.profile[0]!.name, 'activity level');
  assert.deepEqual(Array.from(enc.profile[0]!.perUser), [2, 0]);
  const country = enc.profile[1]!;
  assert.equal(country.name, 'country');
  assert.equal(country.values[country.perUser[0]!], 'France');
  assert.equal(country.values[country.perUser[1]!], '');
});

test('encoding: text item features become last-word codes, prices a price level', () => {
  const { log } = retailFixture();
  const enc = encodeSequences(log);
  const names = enc.itemFeatures.map((f) => f.name);
  assert.deepEqual(names, ['Description', 'price level']);
  const desc = enc.itemFeatures[0]!;
  const mug = log.itemIds.indexOf('I0');
  const bag = log.itemIds.indexOf('I7');
  // 12 distinct descriptions <= 200 keep a code each; mugs and bags differ.
  assert.notEqual(desc.perItem[mug], desc.perItem[bag]);
  assert.ok(desc.perItem[mug]! > 0);
});

test('unsorted times are reported with the user', () => {
  const x = { ...logOf([{ u: 'A', i: 'x', t: 5 }, { u: 'A', i: 'y', t: 9 }]) };
  const bad = { ...x, time: Float64Array.from([9, 5]) };
  assert.throws(() => encodeSequences(bad), /user "A" are not sorted by time/);
});

test('prerequisites: a rule is kept only when the real data never breaks it', () => {
  const types = ['clicks', 'carts', 'orders'];
  const ok = logOf(
    [
      { u: 'A', i: 'x', t: 0, type: 'clicks' },
      { u: 'A', i: 'x', t: 1, type: 'carts' },
      { u: 'A', i: 'x', t: 2, type: 'orders' },
      { u: 'B', i: 'y', t: 0, type: 'carts' },
      { u: 'B', i: 'y', t: 1, type: 'orders' },
    ],
    { types },
  );
  const enc = encodeSequences(ok);
  // orders always follow a cart of the same item (clicks not always); carts need nothing (B carted unclicked).
  assert.deepEqual(findPrerequisites(ok, enc), [0, 0, 1 << 1]);
  const stats = computeStats(ok, enc);
  assert.deepEqual(stats.prerequisites, [0, 0, 2]);
  assert.equal(stats.allowsZeroGap, false);
  assert.equal(stats.timeMin, 0);
  assert.equal(stats.timeMax, 2);
});
