const SAFE = { filtered: false, severity: "safe" };
const PROMPT_RESULTS = {
  hate: SAFE,
  jailbreak: { filtered: false, detected: false },
  self_harm: SAFE,
  sexual: SAFE,
  violence: SAFE
};
const OUTPUT_RESULTS = { hate: SAFE, self_harm: SAFE, sexual: SAFE, violence: SAFE };
const OUTPUT_FILTERED = { ...OUTPUT_RESULTS, violence: { filtered: true, severity: "high" } };
const PROMPT_FILTER_RESULTS = [{ prompt_index: 0, content_filter_results: PROMPT_RESULTS }];
function toAzureCompletion(completion) {
  const choices = completion.choices.map((choice) => ({
    ...choice,
    content_filter_results: choice.finish_reason === "content_filter" ? OUTPUT_FILTERED : OUTPUT_RESULTS
  }));
  return sortKeys({ ...completion, choices, prompt_filter_results: PROMPT_FILTER_RESULTS });
}
function toAzureStreamFrames(frames) {
  const first = `data: ${JSON.stringify({ choices: [], created: 0, id: "", model: "", object: "", prompt_filter_results: PROMPT_FILTER_RESULTS })}

`;
  const rest = frames.map((frame, index) => {
    if (!frame.startsWith("data: {")) return frame;
    const chunk = JSON.parse(frame.slice(6));
    const choices = chunk.choices.map((choice) => ({
      ...choice,
      content_filter_results: index === 0 ? {} : choice.finish_reason === "content_filter" ? OUTPUT_FILTERED : OUTPUT_RESULTS
    }));
    return `data: ${JSON.stringify(sortKeys({ ...chunk, choices }))}

`;
  });
  return [first, ...rest];
}
function azureContentFilterError() {
  return {
    status: 400,
    body: {
      error: {
        message: "The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your prompt and retry. To learn more about our content filtering policies please read our documentation: https://go.microsoft.com/fwlink/?linkid=2198766",
        type: null,
        param: "prompt",
        code: "content_filter",
        status: 400,
        innererror: {
          code: "ResponsibleAIPolicyViolation",
          content_filter_result: { ...PROMPT_RESULTS, jailbreak: { filtered: true, detected: true } }
        }
      }
    }
  };
}
function azureAccessError(status) {
  const message = status === 401 ? "Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource." : "Resource not found";
  return { status, body: { error: { code: String(status), message } } };
}
function sortKeys(object) {
  return Object.fromEntries(Object.entries(object).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0));
}
export {
  azureAccessError,
  azureContentFilterError,
  toAzureCompletion,
  toAzureStreamFrames
};
//# sourceMappingURL=render-azure-chat.js.map
