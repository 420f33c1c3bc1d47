import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const MODELS_DEV_FILE = 'models_dev_api.json';

/** A models.dev model entry (prices in USD per 1M tokens). */
export interface ModelsDevModel {
  id: string;
  name: string;
  reasoning?: boolean;
  tool_call?: boolean;
  structured_output?: boolean;
  temperature?: boolean;
  attachment?: boolean;
  status?: string;
  cost?: {
    input?: number;
    output?: number;
    cache_read?: number;
    cache_write?: number;
    reasoning?: number;
  };
  limit?: { context?: number; input?: number; output?: number };
  modalities?: { input?: string[]; output?: string[] };
  base_model?: string;
}

export interface ModelsDevProvider {
  id: string;
  name: string;
  models: Record<string, ModelsDevModel>;
}

/** Reads models.dev's api.json snapshot: provider id → provider with its models. */
export function readModelsDev(dir: string): Record<string, ModelsDevProvider> {
  return JSON.parse(readFileSync(join(dir, MODELS_DEV_FILE), 'utf8')) as Record<string, ModelsDevProvider>;
}
