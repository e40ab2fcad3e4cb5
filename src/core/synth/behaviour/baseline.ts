/**
 * The reference behaviour model: item popularity plus first-order item-to-item transitions
 * (a Markov chain over items), independent gap buckets and kinds from their real frequencies.
 * Same constraints and same output as the Transformer, so every figure has a reference.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Interactions } from '../../data/interactions';
import { userOffsets } from '../../data/interactions';
import { throwIfAborted, yieldToLoop, type TaskOptions } from '../../runtime/progress';
import { Rng, WeightedSampler } from '../../runtime/rng';
import { GAP_START, N_GAP_BUCKETS } from './buckets';
import { activityOf, contextFromJson, contextToJson, makeContext, type BehaviourContext } from './context';
import { encodeSequences, type BehaviourInput } from './encoding';
import {
  drawGapMs,
  gapMask,
  kindMask,
  planNewUsers,
  sampleLogits,
  tracksToInteractions,
  UserTrack,
  validateSampling,
  type SamplingOptions,
} from './generation';
import type { AugmentOptions, BehaviourModel, GenerateOptions, GeneratedUsers, ModelInfo } from './model';
import { computeStats } from './stats';

/** Weight of the popularity distribution mixed into every transition row (smoothing). */
const POPULARITY_MIX = 0.1;

interface BaselineState {
  readonly popularity: number[];
  /** CSR transitions: successors of item i are next[rowStart[i] .. rowStart[i+1]) with counts. */
  readonly rowStart: number[];
  readonly next: number[];
  readonly nextCount: number[];
  readonly gapCounts: number[];
  readonly kindCounts: number[];
}

export class BaselineBehaviourModel implements BehaviourModel {
  readonly kind = 'baseline' as const;
  private ctx: BehaviourContext | null = null;
  private state: BaselineState | null = null;
  private fitSeconds = 0;
  private popularitySampler: WeightedSampler | null = null;
  private cumulative: Float64Array | null = null;
  private samplerTemperature = 1;

  async fit(x: BehaviourInput, opts: TaskOptions & { readonly seed?: number } = {}): Promise<void> {
    const started = Date.now();
    throwIfAborted(opts.signal);
    const enc = encodeSequences(x);
    const stats = computeStats(x, enc, opts.seed ?? 0);
    const nItems = x.itemIds.length;
    const popularity = Array.from(enc.itemCount);
    const rows = new Map<number, Map<number, number>>();
    const gapCounts = new Array<number>(N_GAP_BUCKETS).fill(0);
    const kindCounts = new Array<number>(enc.kinds.names.length).fill(0);
    for (let i = 0; i < x.user.length; i++) {
      kindCounts[enc.kind[i]!]!++;
      if (enc.gap[i] === GAP_START) continue;
      gapCounts[enc.gap[i]!]!++;
      const prev = x.item[i - 1]!;
      let row = rows.get(prev);
      if (!row) rows.set(prev, (row = new Map()));
      row.set(x.item[i]!, (row.get(x.item[i]!) ?? 0) + 1);
    }
    const rowStart = [0];
    const next: number[] = [];
    const nextCount: number[] = [];
    for (let i = 0; i < nItems; i++) {
      for (const [j, c] of rows.get(i) ?? []) {
        next.push(j);
        nextCount.push(c);
      }
      rowStart.push(next.length);
    }
    this.ctx = makeContext(x, enc, stats);
    this.state = { popularity, rowStart, next, nextCount, gapCounts, kindCounts };
    this.popularitySampler = null;
    this.cumulative = null;
    this.fitSeconds = (Date.now() - started) / 1000;
    opts.onProgress?.({ stage: 'fitting', fraction: 1, model: 'baseline', message: 'Counted item transitions' });
  }

  private ready(): { ctx: BehaviourContext; state: BaselineState } {
    if (!this.ctx || !this.state) throw new Error('The baseline behaviour model is not fitted; call fit() or load() first.');
    return { ctx: this.ctx, state: this.state };
  }

  private nextItem(prev: number, s: SamplingOptions, rng: Rng): number {
    const { state } = this.ready();
    if (!this.popularitySampler || this.samplerTemperature !== s.temperature) {
      this.popularitySampler = new WeightedSampler(state.popularity.map((c) => c ** (1 / s.temperature)));
      this.samplerTemperature = s.temperature;
    }
    const lo = prev >= 0 ? state.rowStart[prev]! : 0;
    const hi = prev >= 0 ? state.rowStart[prev + 1]! : 0;
    if (hi === lo || rng.uniform() < POPULARITY_MIX) return this.popularitySampler.draw(rng);
    if (s.temperature === 1 && s.topP >= 1) {
      // Plain sampling in proportion to counts: binary search over the row's cumulative counts.
      const cum = (this.cumulative ??= cumulativeRows(state));
      const u = rng.uniform() * cum[hi - 1]!;
      let a = lo;
      let b = hi - 1;
      while (a < b) {
        const m = (a + b) >>> 1;
        if (cum[m]! > u) b = m;
        else a = m + 1;
      }
      return state.next[a]!;
    }
    const logits = state.nextCount.slice(lo, hi).map((c) => Math.log(c));
    return state.next[lo + sampleLogits(logits, 0, hi - lo, null, s, rng)]!;
  }

  /** Extends every track to its target length; constraints mask the gap and kind choices. */
  private async run(tracks: UserTrack[], s: SamplingOptions, rng: Rng, opts: TaskOptions): Promise<void> {
    const { ctx, state } = this.ready();
    validateSampling(s);
    const gapLogits = state.gapCounts.map((c) => (c > 0 ? Math.log(c) : -Infinity));
    const kindLogits = state.kindCounts.map((c) => (c > 0 ? Math.log(c) : -Infinity));
    const uniformGaps = new Array<number>(N_GAP_BUCKETS).fill(0);
    const gMask = new Uint8Array(N_GAP_BUCKETS);
    const kMask = new Uint8Array(kindLogits.length);
    let done = 0;
    for (const t of tracks) {
      let prev = t.lastItem;
      while (!t.done) {
        let time = t.time;
        if (!t.fresh) {
          if (!gapMask(ctx.stats, t, gMask)) {
            t.finish();
            break;
          }
          // The real data may never show a bucket the mask leaves; fall back to uniform over the mask.
          const seen = gapLogits.some((v, b) => gMask[b] && v > -Infinity);
          const b = sampleLogits(seen ? gapLogits : uniformGaps, 0, N_GAP_BUCKETS, gMask, s, rng);
          time = t.time + drawGapMs(ctx.stats, b, t, rng);
        }
        const item = this.nextItem(prev, s, rng);
        kindMask(ctx.stats, t, item, kMask);
        const usable = kindLogits.some((v, k) => kMask[k] && v > -Infinity);
        const kind = sampleLogits(usable ? kindLogits : kindLogits.map(() => 0), 0, kindLogits.length, kMask, s, rng);
        t.push(item, kind, time, ctx.stats, rng);
        prev = item;
      }
      if (++done % 500 === 0) {
        throwIfAborted(opts.signal);
        opts.onProgress?.({ stage: 'sampling', fraction: done / tracks.length, model: 'baseline' });
        await yieldToLoop();
      }
    }
  }

  async generate(opts: GenerateOptions): Promise<GeneratedUsers> {
    const { ctx } = this.ready();
    const rng = new Rng(opts.seed);
    const plans = planNewUsers(ctx.stats, activityOf(ctx), opts.nUsers, rng);
    const tracks = plans.map((p, u) => new UserTrack(u, p.length, p.start, true));
    await this.run(tracks, samplingOf(opts), rng, opts);
    const userIds = plans.map((_, u) => `syn_${u + 1}`);
    return { log: tracksToInteractions(tracks, userIds, ctx), templates: Int32Array.from(plans, (p) => p.template) };
  }

  async augment(x: BehaviourInput, opts: AugmentOptions): Promise<Interactions> {
    const { ctx } = this.ready();
    const rng = new Rng(opts.seed);
    const tracks = augmentTracks(x, opts, (t, item, kind) => t.primeSeen(item, kind));
    await this.run(tracks, samplingOf(opts), rng, opts);
    return tracksToInteractions(tracks, x.userIds, { ...ctx, itemIds: x.itemIds, columnNames: x.columnNames });
  }

  async save(dir: string): Promise<void> {
    const { ctx, state } = this.ready();
    await writeFile(join(dir, 'behaviour-baseline.json'), JSON.stringify({ kind: 'baseline', context: contextToJson(ctx), state }));
  }

  static async load(dir: string): Promise<BaselineBehaviourModel> {
    const file = join(dir, 'behaviour-baseline.json');
    const raw = JSON.parse(await readFile(file, 'utf8')) as { kind?: string; context?: unknown; state?: BaselineState };
    if (raw.kind !== 'baseline' || !raw.state) throw new Error(`${file} is not a saved baseline behaviour model.`);
    const m = new BaselineBehaviourModel();
    m.ctx = contextFromJson(raw.context, file);
    m.state = raw.state;
    return m;
  }

  info(): ModelInfo {
    const { ctx, state } = this.ready();
    return {
      kind: 'baseline',
      parameters: state.popularity.length + state.next.length + state.gapCounts.length + state.kindCounts.length,
      vocabulary: ctx.itemIds.length,
      eventKinds: ctx.kinds.names,
      kindSource: ctx.kinds.source,
      trainSteps: 0,
      trainSeconds: this.fitSeconds,
      finalLoss: null,
      notes: ['popularity + first-order item transitions; gap buckets and kinds from their real frequencies'],
    };
  }

  dispose(): void {
    this.ctx = null;
    this.state = null;
  }
}

/** Per transition row, running sums of its counts (each row starts again from zero). */
function cumulativeRows(state: BaselineState): Float64Array {
  const cum = new Float64Array(state.next.length);
  for (let i = 0; i + 1 < state.rowStart.length; i++) {
    let acc = 0;
    for (let j = state.rowStart[i]!; j < state.rowStart[i + 1]!; j++) cum[j] = acc += state.nextCount[j]!;
  }
  return cum;
}

export function samplingOf(o: { readonly temperature?: number; readonly topP?: number }): SamplingOptions {
  return { temperature: o.temperature ?? 1, topP: o.topP ?? 1 };
}

/**
 * One track per real user to extend (users with at most maxEventsPerUser events), continuing from
 * their last real event; `prime` sees every real event so prerequisites and histories carry over.
 */
export function augmentTracks(
  x: Interactions,
  opts: AugmentOptions,
  prime: (t: UserTrack, item: number, kind: number, i: number) => void,
): UserTrack[] {
  if (!(Number.isInteger(opts.k) && opts.k > 0)) throw new Error(`augment: k must be a positive integer, got ${opts.k}.`);
  const offsets = userOffsets(x);
  const limit = opts.maxEventsPerUser ?? Infinity;
  const tracks: UserTrack[] = [];
  for (let u = 0; u < x.userIds.length; u++) {
    const lo = offsets[u]!;
    const hi = offsets[u + 1]!;
    if (hi === lo || hi - lo > limit) continue;
    const t = new UserTrack(u, opts.k, x.time[hi - 1]!, false);
    for (let i = lo; i < hi; i++) prime(t, x.item[i]!, x.eventType ? x.eventType[i]! : 0, i);
    tracks.push(t);
  }
  return tracks;
}
