import { azureOpenAIAdapter, azureChatUrl, DEFAULT_AZURE_API_VERSION } from "./azure-openai-adapter.js";
import { parseAzureOpenAIError } from "./azure-openai-error.js";
export {
  DEFAULT_AZURE_API_VERSION,
  azureChatUrl,
  azureOpenAIAdapter,
  parseAzureOpenAIError
};
//# sourceMappingURL=index.js.map
