/** Dispatches a protocol job to the engine's pipeline. */
import type { JobSpec } from '../protocol/worker';
import type { JobContext } from '../core/pipeline/context';
import { runSynthesize } from '../core/pipeline/synthesize';
import { runProfile } from '../core/pipeline/profile';
import { runLabJob } from '../core/pipeline/lab';

export async function runJob(job: JobSpec, ctx: JobContext): Promise<object> {
  switch (job.kind) {
    case 'synthesize':
      return runSynthesize(job, ctx);
    case 'profile':
      return runProfile(job.input, ctx);
    case 'recommendLab':
      return runLabJob(job, ctx);
  }
}
