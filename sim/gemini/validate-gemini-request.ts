import { invalidArgument, type GeminiErrorReply } from './gemini-error-body.js';

type Part = Record<string, unknown>;

const SKIP_SIGNATURE = 'skip_thought_signature_validator';
const TOP_LEVEL = ['contents', 'systemInstruction', 'tools', 'toolConfig', 'generationConfig', 'safetySettings', 'cachedContent', 'labels'];
const GENERATION = [
  'maxOutputTokens', 'temperature', 'topP', 'topK', 'candidateCount', 'stopSequences', 'seed', 'presencePenalty', 'frequencyPenalty',
  'responseMimeType', 'responseSchema', 'responseJsonSchema', 'thinkingConfig', 'responseModalities', 'responseLogprobs', 'logprobs',
  'mediaResolution', 'speechConfig', 'enableEnhancedCivicAnswers', 'imageConfig',
];
const PART = ['text', 'thought', 'thoughtSignature', 'inlineData', 'fileData', 'functionCall', 'functionResponse', 'executableCode', 'codeExecutionResult', 'videoMetadata'];

/**
 * The 400s Gemini returns for the mistakes a gateway can make when translating: unknown
 * fields (the API rejects them, snake_case accepted), empty parts, roles other than
 * user/model, turns that do not alternate, function responses that do not match the calls,
 * a function call without its thought signature (Gemini 3), a signature it never issued, and
 * on Vertex, `id` on function calls and responses.
 * @see https://ai.google.dev/gemini-api/docs/thought-signatures
 */
export function validateGeminiRequest(body: Record<string, unknown>, options: { vertex: boolean; signatures: Set<string> }): GeminiErrorReply | undefined {
  const unknown = firstUnknown(body, TOP_LEVEL) ?? firstUnknown((body.generationConfig ?? body.generation_config ?? {}) as Record<string, unknown>, GENERATION, 'generation_config');
  if (unknown) return unknown;
  const contents = body.contents;
  if (!Array.isArray(contents) || contents.length === 0) return invalidArgument('* GenerateContentRequest.contents: contents is not specified');
  let previousRole: unknown;
  let pendingCalls = 0;
  for (const [index, raw] of contents.entries()) {
    const content = (raw ?? {}) as { role?: unknown; parts?: unknown };
    const role = content.role ?? (options.vertex ? undefined : 'user');
    if (role !== 'user' && role !== 'model') {
      return invalidArgument(options.vertex && role === undefined ? `Please use a valid role: user, model. (contents[${index}].role is required)` : `Please use a valid role: user, model.`);
    }
    if (!Array.isArray(content.parts) || content.parts.length === 0) return invalidArgument(`* GenerateContentRequest.contents[${index}].parts: contents.parts must not be empty.`);
    if (role === previousRole) return invalidArgument('Please ensure that multiturn requests alternate between user and model.');
    previousRole = role;
    const parts = content.parts as Part[];
    for (const [position, part] of parts.entries()) {
      const bad = firstUnknown(part ?? {}, PART, `contents[${index}].parts[${position}]`);
      if (bad) return bad;
      const call = (part.functionCall ?? part.functionResponse) as { id?: unknown } | undefined;
      if (options.vertex && call && call.id !== undefined) {
        return invalidArgument(`Invalid JSON payload received. Unknown name "id" at 'contents[${index}].parts[${position}].${part.functionCall ? 'function_call' : 'function_response'}': Cannot find field.`);
      }
      const signature = part.thoughtSignature;
      if (typeof signature === 'string' && signature !== SKIP_SIGNATURE && !options.signatures.has(signature)) {
        return invalidArgument('Corrupted thought signature.');
      }
    }
    const calls = parts.filter((part) => part.functionCall);
    const responses = parts.filter((part) => part.functionResponse).length;
    if (role === 'model' && calls.length > 0 && typeof calls[0]?.thoughtSignature !== 'string') {
      const name = (calls[0]?.functionCall as { name?: string }).name;
      return invalidArgument(
        `Function call is missing a thought_signature in functionCall parts. This is required for tools to work correctly, and missing thought_signature may lead to degraded model performance. Additional data, function call \`default_api:${name}\` , position ${index + 1}. Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures for more details.`,
      );
    }
    if (responses > 0 && responses !== pendingCalls) {
      return invalidArgument('Please ensure that the number of function response parts is equal to the number of function call parts of the function call turn.');
    }
    pendingCalls = role === 'model' ? calls.length : 0;
  }
  return undefined;
}

/** Gemini accepts camelCase or snake_case field names and rejects anything else. */
function firstUnknown(object: Record<string, unknown>, known: string[], where?: string): GeminiErrorReply | undefined {
  for (const key of Object.keys(object)) {
    const camel = key.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase());
    if (!known.includes(camel)) {
      return invalidArgument(`Invalid JSON payload received. Unknown name "${key}"${where ? ` at '${where}'` : ''}: Cannot find field.`);
    }
  }
  return undefined;
}
