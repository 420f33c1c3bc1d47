/** A dated snapshot (`-20250514`) or the `-latest` alias at the end of an Anthropic model id. */
const SNAPSHOT_SUFFIX = /-(\d{8}|latest)$/;
/** A dashed version (`4-5`, `3-7`) that OpenRouter's slugs write with a dot (`4.5`, `3.7`). */
const DASHED_VERSION = /(?<=-)(\d)-(\d)(?=-|$)/g;

/**
 * Maps the model ids Anthropic's own clients send (Claude Code, the SDK's examples) to catalog
 * ids: `claude-sonnet-4-20250514` → `anthropic/claude-sonnet-4`, `claude-3-5-haiku-latest` →
 * `anthropic/claude-3.5-haiku`, `claude-opus-4-1` → `anthropic/claude-opus-4.1`. Ids with a
 * `/` are catalog ids already and pass unchanged, as does anything that is not a bare
 * `claude-…` id; an id that maps to no catalog model fails later with `model_not_found`,
 * naming the mapped id.
 */
export function mapAnthropicModelId(id: string): string {
  if (id.includes('/') || !id.startsWith('claude-')) return id;
  return `anthropic/${id.replace(SNAPSHOT_SUFFIX, '').replace(DASHED_VERSION, '$1.$2')}`;
}
