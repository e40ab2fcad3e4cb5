/**
 * Creating and loading synthesizers by kind. A saved model is a folder whose synthesizer.json names
 * its kind; loadSynthesizer reads that and rebuilds the right class.
 */
import type { Synthesizer } from './synthesizer';
import type { CopulaOptions, CopulaState } from './copula';
import { GaussianCopula } from './copula';
import { readHeader } from './persist';

export interface SynthesizerOptionsByKind {
  readonly copula: CopulaOptions;
}

export type SynthesizerKind = keyof SynthesizerOptionsByKind;

export const SYNTHESIZER_KINDS: readonly SynthesizerKind[] = ['copula'];

export function isSynthesizerKind(s: string): s is SynthesizerKind {
  return (SYNTHESIZER_KINDS as readonly string[]).includes(s);
}

export function createSynthesizer<K extends SynthesizerKind>(kind: K, options: SynthesizerOptionsByKind[K] = {}): Synthesizer {
  switch (kind) {
    case 'copula':
      return new GaussianCopula(options);
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
    default:
      throw new Error(`${dir}: saved model kind "${header.kind}" is not known to this version; known: ${SYNTHESIZER_KINDS.join(', ')}.`);
  }
}
