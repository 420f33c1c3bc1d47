import { ORG_TO_AUTHOR, type DirectProvider } from './direct-providers.js';

/** The OpenRouter fields matching looks at. */
export interface MatchableModel {
  id: string;
  canonical_slug: string;
  hugging_face_id: string | null;
}

export interface ModelMatch {
  /** The OpenRouter id the vendor model is. */
  id: string;
  /** 0 = exact name, 1 = OpenRouter canonical slug, 2 = vendor date suffix dropped. Lower wins. */
  tier: number;
  /** Bedrock cross-region inference profile ("global", "us", …), else null. */
  region: string | null;
  quantization: string | null;
}

export type ModelMatcher = (provider: DirectProvider, vendorId: string) => ModelMatch | null;

interface ParsedVendorId {
  org: string | null;
  slugs: string[];
  huggingFaceIds: string[];
  region: string | null;
  quantization: string | null;
}

const DATE_SUFFIX = /-(?:\d{8}|\d{4}-\d{2}-\d{2})$/;
const QUANT_SUFFIX = /-(turbo|fp8|tput|bf16)$/i;
const BEDROCK_REGION = /^(global|us|eu|apac|au|jp|ca|us-gov)\./;

/**
 * Builds a matcher from vendor model ids to OpenRouter ids. It is deliberately conservative
 * (a wrong endpoint is worse than a missing one): names are compared after a light
 * normalisation (case, `.`/`_` → `-`), only among the authors the vendor's id names, and a
 * name that fits more than one OpenRouter model matches none. Variants (`:free`, `:thinking`),
 * `~` aliases and openrouter/* routers never match.
 */
export function createModelMatcher(models: MatchableModel[]): ModelMatcher {
  const eligible = models.filter(
    (m) => !m.id.includes(':') && !m.id.startsWith('~') && !m.id.startsWith('openrouter/'),
  );
  const byId = new Map(eligible.map((m) => [m.id, m]));
  const bySlug = indexBy(eligible, (m) => [normalizeName(slugOf(m.id))]);
  const byCanonical = indexBy(eligible, (m) => [normalizeName(slugOf(m.canonical_slug))]);
  const byHuggingFace = indexBy(eligible, (m) => (m.hugging_face_id ? [m.hugging_face_id.toLowerCase()] : []));

  return (provider, vendorId) => {
    if (provider.deny?.includes(vendorId)) return null;
    const parsed = parseVendorId(provider, vendorId);
    if (!parsed) return null;
    const base = { region: parsed.region, quantization: parsed.quantization };
    const aliased = provider.aliases?.[vendorId];
    if (aliased) return byId.has(aliased) ? { id: aliased, tier: 0, ...base } : null;

    const authors = provider.onlyAuthors ?? (parsed.org ? [ORG_TO_AUTHOR[parsed.org] ?? parsed.org] : null);
    const pick = (found: MatchableModel[] | undefined): MatchableModel | null | 'ambiguous' => {
      const allowed = (found ?? []).filter((m) => !authors || authors.includes(authorOf(m.id)));
      if (allowed.length > 1) return 'ambiguous';
      return allowed[0] ?? null;
    };

    for (const hf of parsed.huggingFaceIds) {
      const hit = pick(byHuggingFace.get(hf.toLowerCase()));
      if (hit === 'ambiguous') return null;
      if (hit) return { id: hit.id, tier: 0, ...base };
    }
    const tiers: Array<[number, string[], Map<string, MatchableModel[]>]> = [
      [0, parsed.slugs, bySlug],
      [1, parsed.slugs, byCanonical],
      [2, parsed.slugs.filter((s) => DATE_SUFFIX.test(s)).map((s) => s.replace(DATE_SUFFIX, '')), bySlug],
    ];
    for (const [tier, slugs, index] of tiers) {
      for (const slug of slugs) {
        const hit = pick(index.get(normalizeName(slug)));
        if (hit === 'ambiguous') return null;
        if (hit) return { id: hit.id, tier, ...base };
      }
    }
    return null;
  };
}

/** Lowercase, with `.`, `_` and spaces as `-`: "claude-opus-4.7" and "claude-opus-4-7" compare equal. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[._\s]+/g, '-');
}

function parseVendorId(provider: DirectProvider, vendorId: string): ParsedVendorId | null {
  const result: ParsedVendorId = { org: null, slugs: [], huggingFaceIds: [], region: null, quantization: null };
  let name = vendorId;
  switch (provider.idStyle) {
    case 'fireworks': {
      const prefix = 'accounts/fireworks/models/';
      if (!name.startsWith(prefix)) return null; // routers/ are Fireworks' own speed tiers
      // Fireworks writes versions with "p": glm-5p1 is GLM 5.1.
      name = name.slice(prefix.length).replace(/(\d)p(\d)/g, '$1.$2');
      break;
    }
    case 'bedrock': {
      const region = BEDROCK_REGION.exec(name);
      if (region) {
        result.region = region[1] ?? null;
        name = name.slice(region[0].length);
      }
      const dot = name.indexOf('.');
      if (dot <= 0) return null;
      result.org = name.slice(0, dot).toLowerCase();
      const rest = name.slice(dot + 1).replace(/^llama(\d)/, 'llama-$1');
      // Bedrock appends an API version: "-v1:0", "-v1" or "-1:0" (gpt-oss). Only those are dropped.
      const withoutRevision = rest.replace(/:\d+$/, '');
      const withoutVersion = rest.replace(/-v1(?::\d+)?$/, '').replace(/-\d+:\d+$/, '');
      result.slugs = unique([withoutRevision, withoutVersion, `${result.org}-${withoutVersion}`]);
      return result;
    }
    case 'vertex': {
      name = name.replace(/@(?:default|\d{8})$/, '').replace(/-maas$/, '');
      break;
    }
    case 'hugging-face':
    case 'groq':
    case 'plain':
      break;
  }
  const slash = name.lastIndexOf('/');
  if (slash > 0) {
    result.org = name.slice(0, slash).toLowerCase();
    if (provider.idStyle === 'hugging-face') {
      result.huggingFaceIds = unique([name, stripQuantSuffixes(name)]);
    }
    name = name.slice(slash + 1);
  }
  if (/fp8/i.test(vendorId)) result.quantization = 'fp8';
  const stripped = stripQuantSuffixes(name);
  const candidates = [name, stripped];
  // Azure names some models with the vendor in front: meta-llama-3.1-8b-instruct, cohere-command-a.
  if (provider.idStyle === 'plain') {
    candidates.push(stripped.replace(/^meta-(?=llama)/, '').replace(/^cohere-/, ''));
    // OpenAI's gpt-5.2-chat-latest is what OpenRouter lists as openai/gpt-5.2-chat.
    candidates.push(stripped.replace(/-chat-latest$/, '-chat'));
  }
  result.slugs = unique(candidates);
  return result;
}

function stripQuantSuffixes(name: string): string {
  let out = name;
  while (QUANT_SUFFIX.test(out)) out = out.replace(QUANT_SUFFIX, '');
  return out;
}

function indexBy(models: MatchableModel[], keys: (m: MatchableModel) => string[]): Map<string, MatchableModel[]> {
  const index = new Map<string, MatchableModel[]>();
  for (const model of models) {
    for (const key of keys(model)) {
      const list = index.get(key) ?? [];
      if (!list.includes(model)) list.push(model);
      index.set(key, list);
    }
  }
  return index;
}

function slugOf(id: string): string {
  return id.slice(id.indexOf('/') + 1);
}

function authorOf(id: string): string {
  return id.slice(0, id.indexOf('/'));
}

function unique(values: string[]): string[] {
  return [...new Set(values.filter((v) => v !== ''))];
}
