/**
 * What a fitted behaviour model keeps about the real data besides its weights: dictionaries,
 * column names, event kinds, user profiles and the empirical statistics generation draws from.
 * JSON-serialisable, so save/load is one file.
 */
import type { Interactions } from '../../data/interactions';
import type { EventKinds, ProfileField, SequenceEncoding } from './encoding';
import type { BehaviourStats } from './stats';

export interface BehaviourContext {
  readonly userIds: readonly string[];
  readonly itemIds: readonly string[];
  readonly columnNames: Interactions['columnNames'];
  readonly kinds: EventKinds;
  readonly profile: readonly ProfileField[];
  readonly stats: BehaviourStats;
}

export function makeContext(x: Interactions, enc: SequenceEncoding, stats: BehaviourStats): BehaviourContext {
  return { userIds: x.userIds, itemIds: x.itemIds, columnNames: x.columnNames, kinds: enc.kinds, profile: enc.profile, stats };
}

/** Activity level of every real user (always the first profile field). */
export function activityOf(ctx: BehaviourContext): Int32Array {
  const f = ctx.profile[0];
  if (!f || f.name !== 'activity level') throw new Error('The behaviour context has no activity-level profile field.');
  return f.perUser;
}

export function contextToJson(ctx: BehaviourContext): unknown {
  return { ...ctx, profile: ctx.profile.map((f) => ({ ...f, perUser: Array.from(f.perUser) })) };
}

export function contextFromJson(raw: unknown, file: string): BehaviourContext {
  const o = raw as Partial<Record<keyof BehaviourContext, unknown>>;
  if (!o || !Array.isArray(o.userIds) || !Array.isArray(o.itemIds) || !Array.isArray(o.profile) || !o.stats || !o.kinds) {
    throw new Error(`${file} is not a RecSynth behaviour model (missing userIds, itemIds, profile, kinds or stats).`);
  }
  const profile = (o.profile as (Omit<ProfileField, 'perUser'> & { perUser: number[] })[]).map((f) => ({
    ...f,
    perUser: Int32Array.from(f.perUser),
  }));
  return { ...(o as unknown as BehaviourContext), profile };
}
