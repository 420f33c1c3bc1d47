import type { WorkspacePrivacy } from '../../privacy/workspace-privacy.js';
import type { GenerationContent } from '../../telemetry/encode-exported-generation.js';
import type { GenerationExport } from '../../telemetry/export-generation-batches.js';
import { isGenerationSampled } from '../../telemetry/sample-generation.js';
import { buildGenerationRecord } from '../generation-record.js';
import type { InferenceContext } from '../inference-context.js';
import type { InferenceStage } from '../inference-stage.js';

/**
 * Queues the finished generation for the export webhook (when one is configured and the
 * generation id falls in the sample). Content goes along only when the export includes content,
 * the key or workspace opted into logging (the content log kept it) and the request was not
 * zero-data-retention. Queuing is O(1); batching and sending happen later, off the response path.
 */
export function exportGeneration(deps: { generationExport?: GenerationExport; privacy: WorkspacePrivacy }): InferenceStage {
  const { generationExport } = deps;
  if (!generationExport) return { name: 'export-generation' };
  const { exporter, sampleRate, includeContent } = generationExport;
  return {
    name: 'export-generation',
    finish: (ctx) => {
      if (!isGenerationSampled(ctx.generationId, sampleRate)) return;
      exporter.offer({ record: buildGenerationRecord(ctx), content: includeContent ? exportableContent(ctx, deps.privacy) : undefined });
    },
  };
}

function exportableContent(ctx: InferenceContext, privacy: WorkspacePrivacy): GenerationContent | undefined {
  const logged = ctx.recorder?.loggedContent;
  if (!logged) return undefined;
  if (ctx.constraints.requireZdr || privacy.constraintsFor(ctx.caller.key.workspaceId).requireZdr) return undefined;
  return logged;
}
