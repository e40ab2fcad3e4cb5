/**
 * Messages between the extension host and the worker process. Versioned discriminated unions,
 * checked with zod on arrival at both ends: a malformed message is logged and dropped, never trusted.
 */
import { z } from 'zod';

export const PROTOCOL_VERSION = 1;

export const modelChoice = z.enum(['auto', 'copula', 'ctgan', 'tvae']);
export type ModelChoice = z.infer<typeof modelChoice>;
export const backendChoice = z.enum(['auto', 'tensorflow-gpu', 'tensorflow', 'wasm', 'cpu']);
export const tableChoice = z.enum(['auto', 'raw', 'items', 'customers']);
export type TableChoice = z.infer<typeof tableChoice>;

export const synthesizeJob = z.object({
  kind: z.literal('synthesize'),
  input: z.string().min(1),
  rows: z.number().int().positive().max(10_000_000),
  seed: z.number().int().nonnegative(),
  model: modelChoice,
  backend: backendChoice,
  /** Which table to learn from an interaction log: the log itself, or the item / customer table derived from it. */
  table: tableChoice,
  /** Folder under which `<name>.recsynth/<timestamp>/` is created; defaults to the input's folder. */
  outputRoot: z.string().optional(),
  epochs: z.number().int().positive().optional(),
  /** Seconds the `auto` model choice may spend. */
  timeBudgetSec: z.number().positive().optional(),
  /** Behaviour synthesis: users / items / events tables from an interaction log. */
  behaviour: z
    .object({
      model: z.enum(['transformer', 'baseline']),
      users: z.number().int().positive().optional(),
      augmentK: z.number().int().nonnegative().optional(),
    })
    .optional(),
  /** Remove synthetic rows that copy a real row before writing (default true). */
  privacyGate: z.boolean(),
});
export type SynthesizeJob = z.infer<typeof synthesizeJob>;

export const profileJob = z.object({ kind: z.literal('profile'), input: z.string().min(1) });
export type ProfileJob = z.infer<typeof profileJob>;

export const labJob = z.object({
  kind: z.literal('recommendLab'),
  input: z.string().min(1),
  syntheticDir: z.string().optional(),
  seed: z.number().int().nonnegative(),
  backend: backendChoice,
});
export type LabJob = z.infer<typeof labJob>;

export const jobSpec = z.discriminatedUnion('kind', [synthesizeJob, profileJob, labJob]);
export type JobSpec = z.infer<typeof jobSpec>;

const progressEvent = z.object({
  stage: z.enum(['reading', 'preprocessing', 'fitting', 'sampling', 'evaluating', 'writing', 'recommending']),
  fraction: z.number().min(0).max(1).optional(),
  message: z.string().optional(),
  losses: z.record(z.number()).optional(),
  step: z.number().optional(),
  totalSteps: z.number().optional(),
  epoch: z.number().optional(),
  model: z.string().optional(),
});

const jsonObject = z.record(z.unknown());

export const hostToWorker = z.discriminatedUnion('type', [
  z.object({ v: z.literal(PROTOCOL_VERSION), type: z.literal('run'), jobId: z.string(), job: jobSpec }),
  z.object({ v: z.literal(PROTOCOL_VERSION), type: z.literal('cancel'), jobId: z.string() }),
]);
export type HostToWorker = z.infer<typeof hostToWorker>;

export const workerToHost = z.discriminatedUnion('type', [
  z.object({ v: z.literal(PROTOCOL_VERSION), type: z.literal('ready'), pid: z.number() }),
  z.object({
    v: z.literal(PROTOCOL_VERSION),
    type: z.literal('progress'),
    jobId: z.string(),
    event: progressEvent,
    elapsedMs: z.number(),
  }),
  /** Intermediate results worth showing before the job ends (dataset profile, preprocessing report). */
  z.object({ v: z.literal(PROTOCOL_VERSION), type: z.literal('partial'), jobId: z.string(), name: z.string(), data: jsonObject }),
  z.object({ v: z.literal(PROTOCOL_VERSION), type: z.literal('result'), jobId: z.string(), result: jsonObject }),
  z.object({
    v: z.literal(PROTOCOL_VERSION),
    type: z.literal('error'),
    jobId: z.string(),
    kind: z.enum(['cancelled', 'input', 'internal']),
    message: z.string(),
    stack: z.string().optional(),
  }),
  z.object({
    v: z.literal(PROTOCOL_VERSION),
    type: z.literal('log'),
    level: z.enum(['trace', 'debug', 'info', 'warn', 'error']),
    message: z.string(),
  }),
]);
export type WorkerToHost = z.infer<typeof workerToHost>;

/** Parses a message or returns a one-line reason, for the log. */
export function parseMessage<T>(schema: z.ZodType<T>, raw: unknown): { ok: true; value: T } | { ok: false; reason: string } {
  const r = schema.safeParse(raw);
  if (r.success) return { ok: true, value: r.data };
  const issue = r.error.issues[0];
  return { ok: false, reason: issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid message' };
}
