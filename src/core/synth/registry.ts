/**
 * Creating and loading synthesizers by kind. A saved model is a folder whose synthesizer.json names
 * its kind; loadSynthesizer reads that and rebuilds the right class.
 */
import type { Synthesizer } from './synthesizer';
import type { CopulaOptions, CopulaState } from './copula';
import { GaussianCopula } from './copula';
import { readHeader } from './persist';
import type { CtganOptions } from './neural/ctgan';
import { Ctgan } from './neural/ctgan';
import type { TvaeOptions } from './neural/tvae';
import { Tvae } from './neural/tvae';
import type { SavedNeural } from './neural/base';

export type SynthesizerKind = 'copula' | 'ctgan' | 'tvae';

/**
 * Options any kind accepts; each model reads those that apply to it (the copula only uses seed;
 * the neural models add epochs, batchSize, timeBudgetSec, validationFraction, patience, ...).
 */
export type SynthesizerOptions = CopulaOptions & CtganOptions & TvaeOptions;

export const SYNTHESIZER_KINDS: readonly SynthesizerKind[] = ['copula', 'ctgan', 'tvae'];
/** Kinds this build can create (the neural ones land after the copula). */
export const AVAILABLE_KINDS: readonly SynthesizerKind[] = ['copula', 'ctgan', 'tvae'];

export function isSynthesizerKind(s: string): s is SynthesizerKind {
  return (SYNTHESIZER_KINDS as readonly string[]).includes(s);
}

export function createSynthesizer(kind: SynthesizerKind, options: SynthesizerOptions = {}): Synthesizer {
  switch (kind) {
    case 'copula':
      return new GaussianCopula({ ...(options.seed !== undefined ? { seed: options.seed } : {}) });
    case 'ctgan':
      return new Ctgan(options);
    case 'tvae':
      return new Tvae(options);
    default:
      throw new Error(`Unknown model "${String(kind)}"; choose one of: ${SYNTHESIZER_KINDS.join(', ')}.`);
  }
}

/** Rebuilds a synthesizer saved with save(dir). */
export async function loadSynthesizer(dir: string): Promise<Synthesizer> {
  const { header, body } = await readHeader(dir);
  switch (header.kind) {
    case 'copula':
      if (header.version !== 1) throw new Error(`${dir}: copula format version ${header.version} is not supported (expected 1).`);
      return GaussianCopula.fromState(body as unknown as CopulaState);
    case 'ctgan': {
      const saved = body as unknown as SavedNeural<CtganOptions>;
      const m = new Ctgan(saved.options);
      await m.loadFrom(dir, saved);
      return m;
    }
    case 'tvae': {
      const saved = body as unknown as SavedNeural<TvaeOptions>;
      const m = new Tvae(saved.options);
      await m.loadFrom(dir, saved);
      return m;
    }
    default:
      throw new Error(`${dir}: saved model kind "${header.kind}" is not known to this version; known: ${SYNTHESIZER_KINDS.join(', ')}.`);
  }
}
