/**
 * Wire types of the Gemini API (`generateContent`, `streamGenerateContent?alt=sse`), the
 * subset the gateway writes and reads. Field names are the camelCase the API returns.
 * @see https://ai.google.dev/api/generate-content
 */

export interface GeminiPart {
  text?: string;
  /** A thought summary (only with `thinkingConfig.includeThoughts`). */
  thought?: boolean;
  /** Opaque; must be sent back on the same part in the next turn (Gemini 3 requires it on function calls). */
  thoughtSignature?: string;
  inlineData?: { mimeType: string; data: string };
  fileData?: { mimeType?: string; fileUri: string };
  functionCall?: { id?: string; name: string; args?: Record<string, unknown> };
  functionResponse?: { id?: string; name: string; response: Record<string, unknown> };
}

export interface GeminiContent {
  role: 'user' | 'model';
  parts: GeminiPart[];
}

export interface GeminiFunctionDeclaration {
  name: string;
  description?: string;
  parameters?: Record<string, unknown>;
}

export interface GeminiThinkingConfig {
  thinkingBudget?: number;
  thinkingLevel?: 'minimal' | 'low' | 'medium' | 'high';
  includeThoughts?: boolean;
}

export interface GeminiGenerationConfig {
  maxOutputTokens?: number;
  temperature?: number;
  topP?: number;
  topK?: number;
  candidateCount?: number;
  stopSequences?: string[];
  seed?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
  responseMimeType?: string;
  responseJsonSchema?: unknown;
  thinkingConfig?: GeminiThinkingConfig;
  /** `["TEXT", "IMAGE"]` asks an image model for images (from OpenRouter's `modalities`). */
  responseModalities?: Array<'TEXT' | 'IMAGE'>;
  /** Image models only. */
  imageConfig?: { aspectRatio?: string; imageSize?: string };
}

export interface GeminiRequest {
  systemInstruction?: { parts: GeminiPart[] };
  contents: GeminiContent[];
  tools?: Array<{ functionDeclarations: GeminiFunctionDeclaration[] }>;
  toolConfig?: { functionCallingConfig: { mode: 'AUTO' | 'ANY' | 'NONE'; allowedFunctionNames?: string[] } };
  generationConfig?: GeminiGenerationConfig;
}

export interface GeminiUsageMetadata {
  promptTokenCount?: number;
  candidatesTokenCount?: number;
  totalTokenCount?: number;
  thoughtsTokenCount?: number;
  cachedContentTokenCount?: number;
  toolUsePromptTokenCount?: number;
  /** Output tokens per modality (`TEXT`, `IMAGE`, …); image models report their image tokens here. */
  candidatesTokensDetails?: Array<{ modality?: string; tokenCount?: number }>;
}

export interface GeminiCandidate {
  content?: { role?: string; parts?: GeminiPart[] };
  finishReason?: string;
  index?: number;
}

export interface GeminiResponse {
  candidates?: GeminiCandidate[];
  promptFeedback?: { blockReason?: string };
  usageMetadata?: GeminiUsageMetadata;
  modelVersion?: string;
  responseId?: string;
  /** A failure reported in a 200 stream. */
  error?: GeminiErrorBody['error'];
}

/** google.rpc.Status as the API sends it. */
export interface GeminiErrorBody {
  error: {
    code?: number;
    message?: string;
    status?: string;
    details?: Array<{ '@type'?: string; reason?: string; retryDelay?: string; [field: string]: unknown }>;
  };
}

/** `format` of the reasoning_details entries this protocol produces and replays (OpenRouter's name). */
export const GEMINI_REASONING_FORMAT = 'google-gemini-v1';
