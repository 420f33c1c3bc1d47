import { signReasoning } from './build-converse-reply.js';

type Block = Record<string, unknown>;

const IMAGE_FORMATS = new Set(['png', 'jpeg', 'gif', 'webp']);

/**
 * The checks Bedrock makes that gateways most often trip over, with Bedrock's wording:
 * roles must start with user and alternate, toolUse/toolResult need a toolConfig, blank
 * text is refused, images need a known format and base64 bytes, and a replayed reasoning
 * block must carry the signature the model gave it. Returns the ValidationException
 * message, or undefined when the request is valid.
 */
export function validateConverseRequest(body: Record<string, unknown>): string | undefined {
  const messages = body.messages;
  if (!Array.isArray(messages) || messages.length === 0) return 'The messages field is required and must contain at least one message.';
  let toolBlocks = false;
  for (const [at, raw] of (messages as Array<Record<string, unknown>>).entries()) {
    const expected = at % 2 === 0 ? 'user' : 'assistant';
    if (raw?.role !== expected) {
      return at === 0
        ? 'A conversation must start with a user message. Try again with a conversation that starts with a user message.'
        : 'A conversation must alternate between user and assistant roles. Make sure the conversation alternates between user and assistant roles and try again.';
    }
    if (!Array.isArray(raw.content) || raw.content.length === 0) return `messages.${at}.content: content must not be empty`;
    for (const [index, block] of (raw.content as Block[]).entries()) {
      const where = `messages.${at}.content.${index}`;
      if ('text' in block && (typeof block.text !== 'string' || block.text.trim() === '')) {
        return `The text field in the ContentBlock object at ${where} is blank. Add text to the text field, and try again.`;
      }
      if (block.toolUse || block.toolResult) toolBlocks = true;
      if (block.image) {
        const image = block.image as { format?: unknown; source?: { bytes?: unknown; s3Location?: unknown } };
        if (!IMAGE_FORMATS.has(String(image.format))) return `${where}.image.format: invalid image format`;
        const bytes = image.source?.bytes;
        if (!image.source?.s3Location && (typeof bytes !== 'string' || bytes === '' || !/^[A-Za-z0-9+/]+={0,2}$/.test(bytes))) {
          return `${where}.image.source.bytes: invalid base64 image data`;
        }
      }
      const reasoning = (block.reasoningContent as { reasoningText?: { text?: unknown; signature?: unknown } } | undefined)?.reasoningText;
      if (reasoning && (typeof reasoning.text !== 'string' || reasoning.signature !== signReasoning(reasoning.text))) {
        return `${where}: Invalid \`signature\` in \`thinking\` block`;
      }
    }
  }
  if (toolBlocks && !body.toolConfig) return 'The toolConfig field must be defined when using toolUse and toolResult content blocks.';
  return undefined;
}
