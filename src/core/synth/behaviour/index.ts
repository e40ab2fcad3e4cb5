/** User-behaviour synthesis: public API. */
export { synthesizeBehaviour, createBehaviourModel, loadBehaviourModel, mergeLogs } from './synthesize';
export type { SynthesizeBehaviourOptions, BehaviourResult } from './synthesize';
export type { BehaviourModel, BehaviourModelKind, GenerateOptions, AugmentOptions, GeneratedUsers, ModelInfo } from './model';
export { BaselineBehaviourModel } from './baseline';
export { TransformerBehaviourModel, DEFAULT_TRANSFORMER_CONFIG } from './transformer-model';
export type { TransformerBehaviourConfig } from './transformer-model';
export { behaviourFigures } from './figures';
export type { BehaviourFigures, LogLike, PopularityStats, Histogram } from './figures';
export { encodeSequences } from './encoding';
export type { BehaviourInput, UserFeatures, SequenceEncoding } from './encoding';
export { itemsTable, usersTable, eventsTable } from './tables';
export { inferUserFeatures } from './user-features';
