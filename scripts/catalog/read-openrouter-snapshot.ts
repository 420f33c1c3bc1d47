import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** One entry of OpenRouter's `GET /api/v1/models` response, the fields the catalog uses. */
export interface OpenRouterModel {
  id: string;
  canonical_slug: string;
  hugging_face_id: string | null;
  name: string;
  created: number;
  description: string;
  context_length: number | null;
  architecture: {
    modality: string;
    input_modalities: string[];
    output_modalities: string[];
    tokenizer: string;
    instruct_type: string | null;
  };
  pricing: Record<string, unknown>;
  top_provider: { context_length: number | null; max_completion_tokens: number | null; is_moderated: boolean };
  supported_parameters: string[];
  reasoning?: { mandatory?: boolean; default_enabled?: boolean; supported_efforts?: string[] } | null;
  knowledge_cutoff: string | null;
}

export interface OpenRouterSnapshot {
  fileName: string;
  /** Capture date taken from the file name (YYYY-MM-DD). */
  date: string;
  models: OpenRouterModel[];
}

const FILE_PATTERN = /^openrouter_api_v1_models_(\d{4}-\d{2}-\d{2})\.json$/;

/** Reads the newest `openrouter_api_v1_models_<date>.json` in `dir`. */
export function readOpenRouterSnapshot(dir: string): OpenRouterSnapshot {
  const candidates = readdirSync(dir)
    .filter((name) => FILE_PATTERN.test(name))
    .sort();
  const fileName = candidates.at(-1);
  if (!fileName) throw new Error(`No openrouter_api_v1_models_<date>.json in ${dir}`);
  const date = FILE_PATTERN.exec(fileName)?.[1] ?? '';
  const body = JSON.parse(readFileSync(join(dir, fileName), 'utf8')) as { data?: unknown };
  if (!Array.isArray(body.data)) throw new Error(`${fileName}: expected { data: [...] }`);
  return { fileName, date, models: body.data as OpenRouterModel[] };
}
