/** The interface every behaviour model implements (Transformer and the Markov baseline). */
import type { Interactions } from '../../data/interactions';
import type { TaskOptions } from '../../runtime/progress';
import type { BehaviourInput } from './encoding';

export type BehaviourModelKind = 'transformer' | 'baseline';

export interface GenerateOptions extends TaskOptions {
  readonly nUsers: number;
  readonly seed: number;
  /** Default 1. */
  readonly temperature?: number;
  /** Default 1 (no truncation). */
  readonly topP?: number;
}

export interface AugmentOptions extends TaskOptions {
  /** Events to add to each selected user. */
  readonly k: number;
  /** Only users with at most this many real events are extended (default: all users). */
  readonly maxEventsPerUser?: number;
  readonly seed: number;
  readonly temperature?: number;
  readonly topP?: number;
}

export interface GeneratedUsers {
  /** The synthetic log: new user ids (syn_1, ...), the real item dictionary. */
  readonly log: Interactions;
  /** For each synthetic user, the real user whose profile it copies (index into the real users). */
  readonly templates: Int32Array;
}

export interface ModelInfo {
  readonly kind: BehaviourModelKind;
  readonly parameters: number;
  readonly vocabulary: number;
  readonly eventKinds: readonly string[];
  readonly kindSource: 'eventType' | 'quantity' | 'none';
  readonly trainSteps: number;
  readonly trainSeconds: number;
  readonly finalLoss: number | null;
  readonly notes: readonly string[];
  readonly config?: Readonly<Record<string, number | string>>;
}

export interface BehaviourModel {
  readonly kind: BehaviourModelKind;
  fit(x: BehaviourInput, opts?: TaskOptions & { readonly epochs?: number; readonly seed?: number }): Promise<void>;
  /** New synthetic users with whole histories. */
  generate(opts: GenerateOptions): Promise<GeneratedUsers>;
  /** The new events only, over the real users and items of x (user indices of x). */
  augment(x: BehaviourInput, opts: AugmentOptions): Promise<Interactions>;
  /** Writes everything needed to generate again into dir (which exists). */
  save(dir: string): Promise<void>;
  info(): ModelInfo;
  dispose(): void;
}
