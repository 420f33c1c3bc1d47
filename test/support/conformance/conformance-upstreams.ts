import { startAnthropicSimulator } from '../../../sim/anthropic/start-anthropic-simulator.js';
import { startBedrockSimulator } from '../../../sim/bedrock/start-bedrock-simulator.js';
import { startGeminiSimulator } from '../../../sim/gemini/start-gemini-simulator.js';
import { startOpenAISimulator } from '../../../sim/openai/start-openai-simulator.js';

/** Endpoint prices of a matrix model, USD per token (decimal strings, as in the catalog). */
export interface MatrixPrices {
  prompt: string;
  completion: string;
  input_cache_read: string;
  input_cache_write?: string;
}

/** A simulator started for one upstream, wired in as gateway providers. */
export interface RunningUpstream {
  /** Config `providers` entries pointing at the simulator. */
  providers: unknown[];
  /** The upstream model name the matrix model's endpoint uses. */
  upstreamModel: string;
  /** The provider id the matrix model's endpoint uses. */
  provider: string;
  /** Body of the last request the simulator received. */
  lastBody(): Record<string, unknown>;
  close(): Promise<void>;
}

/** Matrix features (the columns). */
export type MatrixCell = 'text' | 'stream' | 'parallel-tools' | 'image' | 'json-schema' | 'reasoning' | 'cached-usage';

/**
 * One upstream protocol in the matrix: how to start its simulator, how the gateway reaches
 * it, what the matrix model costs there, and how to read the upstream's side of a request.
 * Cells an upstream cannot pass are listed in `skip` with the reason (never faked).
 */
export interface UpstreamDescriptor {
  name: 'openai' | 'anthropic' | 'gemini' | 'bedrock';
  prices: MatrixPrices;
  /** Starts the simulator (one per upstream, shared by every cell). */
  start(): Promise<RunningUpstream>;
  /** Whether the upstream signs its reasoning (the signature round trip is then asserted). */
  signsReasoning: boolean;
  /** Signatures found in the replayed assistant turn of the last upstream request. */
  replayedSignatures(body: Record<string, unknown>): string[];
  /** Whether the last upstream request carried the base64 test image. */
  sawImage(body: Record<string, unknown>, base64: string): boolean;
  /** Whether the upstream reports reasoning tokens exactly as the `reasoning=N` directive asks. */
  reportsReasoningTokens: boolean;
  /**
   * Whether the protocol streams tool-call arguments in pieces. Gemini sends each functionCall
   * whole, so one argument delta per call is the faithful relay there.
   */
  streamsToolArguments: boolean;
  /** Whether a first request with `cache_control` reports cache-write tokens. */
  reportsCacheWrites: boolean;
  /** Whether the simulator keeps a prompt cache, so a repeated prefix is read back (not just `cached=N`). */
  simulatesPromptCache: boolean;
  skip: Partial<Record<MatrixCell, string>>;
}

type Body = Record<string, unknown>;
const list = (value: unknown): Body[] => (Array.isArray(value) ? (value as Body[]) : []);

const CLAUDE_PRICES: MatrixPrices = { prompt: '0.000003', completion: '0.000015', input_cache_read: '0.0000003', input_cache_write: '0.00000375' };

export const OPENAI_UPSTREAM: UpstreamDescriptor = {
  name: 'openai',
  prices: { prompt: '0.00000015', completion: '0.0000006', input_cache_read: '0.000000075' },
  async start() {
    const sim = await startOpenAISimulator();
    return {
      providers: [{ id: 'matrix-openai', name: 'Matrix OpenAI', base_url: sim.url, api_key: 'sk-matrix' }],
      provider: 'matrix-openai',
      upstreamModel: 'gpt-4o-mini',
      lastBody: () => sim.requests.at(-1)?.body as Body,
      close: () => sim.close(),
    };
  },
  signsReasoning: false,
  replayedSignatures: (body) =>
    list(body.messages).flatMap((message) => list(message.reasoning_details).map((detail) => detail.signature ?? detail.data).filter((s): s is string => typeof s === 'string')),
  sawImage: (body, base64) => JSON.stringify(body.messages).includes(`base64,${base64}`),
  reportsReasoningTokens: true,
  streamsToolArguments: true,
  reportsCacheWrites: false,
  simulatesPromptCache: false,
  skip: {},
};

export const GEMINI_UPSTREAM: UpstreamDescriptor = {
  name: 'gemini',
  prices: { prompt: '0.0000003', completion: '0.0000025', input_cache_read: '0.00000003' },
  async start() {
    const gemini = await startGeminiSimulator();
    return {
      providers: [{ id: 'matrix-gemini', name: 'Matrix Gemini', protocol: 'gemini', base_url: gemini.geminiBaseUrl, api_key: 'gm-matrix' }],
      provider: 'matrix-gemini',
      upstreamModel: 'gemini-2.5-flash',
      lastBody: () => gemini.requests.at(-1)?.body as Body,
      close: () => gemini.close(),
    };
  },
  signsReasoning: true,
  replayedSignatures: (body) =>
    list(body.contents)
      .filter((content) => content.role === 'model')
      .flatMap((content) => list(content.parts).map((part) => part.thoughtSignature))
      .filter((s): s is string => typeof s === 'string'),
  sawImage: (body, base64) => JSON.stringify(body.contents).includes(`"data":"${base64}"`),
  reportsReasoningTokens: true,
  streamsToolArguments: false,
  reportsCacheWrites: false,
  simulatesPromptCache: false,
  skip: {},
};

export const BEDROCK_UPSTREAM: UpstreamDescriptor = {
  name: 'bedrock',
  prices: CLAUDE_PRICES,
  async start() {
    const bedrock = await startBedrockSimulator({ apiKeys: ['bedrock-matrix-key'] });
    return {
      providers: [{ id: 'matrix-bedrock', name: 'Matrix Bedrock', protocol: 'bedrock', base_url: bedrock.url, api_key: 'bedrock-matrix-key' }],
      provider: 'matrix-bedrock',
      upstreamModel: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
      lastBody: () => bedrock.requests.at(-1)?.body as Body,
      close: () => bedrock.close(),
    };
  },
  signsReasoning: true,
  replayedSignatures: (body) =>
    list(body.messages)
      .filter((message) => message.role === 'assistant')
      .flatMap((message) => list(message.content))
      .map((block) => (block.reasoningContent as { reasoningText?: { signature?: unknown } } | undefined)?.reasoningText?.signature)
      .filter((s): s is string => typeof s === 'string'),
  sawImage: (body, base64) => JSON.stringify(body.messages).includes(`"bytes":"${base64}"`),
  reportsReasoningTokens: false,
  streamsToolArguments: true,
  reportsCacheWrites: true,
  simulatesPromptCache: false,
  skip: {},
};

export const ANTHROPIC_UPSTREAM: UpstreamDescriptor = {
  name: 'anthropic',
  prices: CLAUDE_PRICES,
  async start() {
    const sim = await startAnthropicSimulator();
    return {
      providers: [{ id: 'matrix-anthropic', name: 'Matrix Anthropic', protocol: 'anthropic', base_url: sim.url, api_key: 'sk-ant-matrix' }],
      provider: 'matrix-anthropic',
      upstreamModel: 'claude-sonnet-4-5',
      lastBody: () => sim.requests.at(-1)?.body as Body,
      close: () => sim.close(),
    };
  },
  signsReasoning: true,
  replayedSignatures: (body) =>
    list(body.messages)
      .filter((message) => message.role === 'assistant')
      .flatMap((message) => list(message.content))
      .map((block) => (block.type === 'thinking' ? block.signature : block.type === 'redacted_thinking' ? block.data : undefined))
      .filter((s): s is string => typeof s === 'string'),
  sawImage: (body, base64) => JSON.stringify(body.messages).includes(`"data":"${base64}"`),
  reportsReasoningTokens: true,
  streamsToolArguments: true,
  reportsCacheWrites: true,
  simulatesPromptCache: true,
  skip: {},
};

/** The upstreams in the matrix (one gateway and simulator each). */
export const MATRIX_UPSTREAMS: readonly UpstreamDescriptor[] = [OPENAI_UPSTREAM, ANTHROPIC_UPSTREAM, GEMINI_UPSTREAM, BEDROCK_UPSTREAM];
