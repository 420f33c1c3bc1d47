export { azureOpenAIAdapter, azureChatUrl, DEFAULT_AZURE_API_VERSION } from './azure-openai-adapter.js';
export { parseAzureOpenAIError } from './azure-openai-error.js';
