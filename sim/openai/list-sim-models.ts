/** Model ids the simulator advertises; any other id is still accepted and echoed. */
export const SIM_MODEL_IDS = ['gpt-4o-mini', 'gpt-4o', 'o4-mini', 'gpt-3.5-turbo-instruct', 'text-embedding-3-small'];

const CREATED = 1715367049;

/**
 * `GET /v1/models` in OpenAI's list shape.
 * @see https://platform.openai.com/docs/api-reference/models/list
 */
export function listSimModels(): { object: 'list'; data: Array<Record<string, unknown>> } {
  return { object: 'list', data: SIM_MODEL_IDS.map((id) => ({ id, object: 'model', created: CREATED, owned_by: 'system' })) };
}
