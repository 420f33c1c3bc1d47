import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { countPromptTokens } from '../../core/estimate-tokens.js';
import { InvalidRequestError } from '../../core/errors/gateway-error.js';
import type { ResolvedCatalog } from '../../routing/catalog/resolved-catalog.js';
import { toAnthropicErrorBody } from '../codecs/anthropic/anthropic-error-body.js';
import { anthropicMessagesCodec } from '../codecs/anthropic/anthropic-messages-codec.js';
import { anthropicCountTokensSchema } from '../codecs/anthropic/anthropic-request-schema.js';
import { toCanonicalPrompt } from '../codecs/anthropic/to-canonical-chat-request.js';
import { parseWithSchema } from '../codecs/parse-with-schema.js';
import { createErrorHandler } from '../register-error-handlers.js';
import { createInferenceHandler, type InferenceDeps } from '../serve-inference.js';

/**
 * Anthropic's Messages API for Claude-Code-style clients: `POST /api/v1/messages` and
 * `POST /api/v1/messages/count_tokens`, also under `/v1` so `ANTHROPIC_BASE_URL` may be the
 * gateway's root as well as `…/api` (Claude Code posts to `/v1/messages?beta=true`). In its
 * own Fastify scope so every failure (bad JSON, auth, validation) leaves in Anthropic's error
 * envelope, and so `x-api-key` (what the Anthropic SDK sends for `apiKey`) authenticates like
 * `Authorization: Bearer`.
 */
export function registerAnthropicMessagesRoutes(app: FastifyInstance, deps: InferenceDeps & { bodyLimitBytes: number }): void {
  void app.register(async (scope) => {
    scope.setErrorHandler(createErrorHandler({ bodyLimitBytes: deps.bodyLimitBytes, encodeBody: toAnthropicErrorBody }));
    scope.addHook('onRequest', async (request) => {
      const apiKey = request.headers['x-api-key'];
      if (request.headers.authorization === undefined && typeof apiKey === 'string' && apiKey !== '') {
        request.headers.authorization = `Bearer ${apiKey}`;
      }
    });
    const messages = createInferenceHandler(anthropicMessagesCodec, 'messages', deps);
    const countTokens = async (request: FastifyRequest, reply: FastifyReply) => {
      deps.keys.authenticate(request.headers.authorization, 'inference');
      const prompt = toCanonicalPrompt(parseWithSchema(anthropicCountTokensSchema, request.body));
      assertKnownModel(deps.catalog, prompt.model as string);
      return reply.send({ input_tokens: await countPromptTokens(prompt) });
    };
    for (const root of ['/api/v1', '/v1']) {
      scope.post(`${root}/messages`, messages);
      scope.post(`${root}/messages/count_tokens`, countTokens);
    }
  });
}

/** count_tokens answers for models the gateway can serve, as Anthropic's does for its own. */
function assertKnownModel(catalog: ResolvedCatalog, model: string): void {
  if (!catalog.models.has(model) && !catalog.models.has(model.replace(/:[a-z]+$/, ''))) {
    throw new InvalidRequestError(`${model} is not a valid model ID`, { code: 'model_not_found' });
  }
}
