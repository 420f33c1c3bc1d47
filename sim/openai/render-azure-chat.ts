/** An Azure error reply: Azure's bodies do not all follow OpenAI's shape. */
export interface AzureErrorReply {
  status: number;
  body: unknown;
}

/** Azure's per-category verdicts when nothing was filtered. */
const SAFE = { filtered: false, severity: 'safe' } as const;
const PROMPT_RESULTS = {
  hate: SAFE,
  jailbreak: { filtered: false, detected: false },
  self_harm: SAFE,
  sexual: SAFE,
  violence: SAFE,
};
const OUTPUT_RESULTS = { hate: SAFE, self_harm: SAFE, sexual: SAFE, violence: SAFE };
const OUTPUT_FILTERED = { ...OUTPUT_RESULTS, violence: { filtered: true, severity: 'high' } };
const PROMPT_FILTER_RESULTS = [{ prompt_index: 0, content_filter_results: PROMPT_RESULTS }];

/**
 * Azure OpenAI's additions to a chat completion: `prompt_filter_results` and per-choice
 * `content_filter_results` (filtered when the finish reason is `content_filter`). Keys are
 * sorted as Azure sends them (`choices` first), which OpenAI-shaped parsers must tolerate.
 */
export function toAzureCompletion(completion: Record<string, unknown>): Record<string, unknown> {
  const choices = (completion.choices as Array<Record<string, unknown>>).map((choice) => ({
    ...choice,
    content_filter_results: choice.finish_reason === 'content_filter' ? OUTPUT_FILTERED : OUTPUT_RESULTS,
  }));
  return sortKeys({ ...completion, choices, prompt_filter_results: PROMPT_FILTER_RESULTS });
}

/**
 * Azure's stream: first a chunk with `choices: []`, empty id/model/object, `created: 0` and
 * the prompt filter results; then the OpenAI chunks with `content_filter_results` on each
 * choice (empty on the role chunk, as Azure does), keys sorted.
 */
export function toAzureStreamFrames(frames: string[]): string[] {
  const first = `data: ${JSON.stringify({ choices: [], created: 0, id: '', model: '', object: '', prompt_filter_results: PROMPT_FILTER_RESULTS })}\n\n`;
  const rest = frames.map((frame, index) => {
    if (!frame.startsWith('data: {')) return frame;
    const chunk = JSON.parse(frame.slice(6)) as Record<string, unknown>;
    const choices = (chunk.choices as Array<Record<string, unknown>>).map((choice) => ({
      ...choice,
      content_filter_results: index === 0 ? {} : choice.finish_reason === 'content_filter' ? OUTPUT_FILTERED : OUTPUT_RESULTS,
    }));
    return `data: ${JSON.stringify(sortKeys({ ...chunk, choices }))}\n\n`;
  });
  return [first, ...rest];
}

/** The 400 Azure returns when the prompt trips the content filter (`[[sim:content_filter=1]]`). */
export function azureContentFilterError(): AzureErrorReply {
  return {
    status: 400,
    body: {
      error: {
        message:
          "The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your prompt and retry. To learn more about our content filtering policies please read our documentation: https://go.microsoft.com/fwlink/?linkid=2198766",
        type: null,
        param: 'prompt',
        code: 'content_filter',
        status: 400,
        innererror: {
          code: 'ResponsibleAIPolicyViolation',
          content_filter_result: { ...PROMPT_RESULTS, jailbreak: { filtered: true, detected: true } },
        },
      },
    },
  };
}

/** Azure's 401 for a missing or wrong `api-key`, and its 404 for a missing `api-version`. */
/** A bearer token Azure OpenAI does not accept (not one Entra ID issued for the Cognitive Services audience, or expired). */
export function azureBearerError(): AzureErrorReply {
  const message = 'Unauthorized. Access token is missing, invalid, audience is incorrect (https://cognitiveservices.azure.com), or have expired.';
  return { status: 401, body: { error: { code: '401', message } } };
}

export function azureAccessError(status: 401 | 404): AzureErrorReply {
  const message =
    status === 401
      ? 'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.'
      : 'Resource not found';
  return { status, body: { error: { code: String(status), message } } };
}

function sortKeys(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
