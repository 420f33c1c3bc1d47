const GEMINI_REASONING_FORMAT = "google-gemini-v1";
export {
  GEMINI_REASONING_FORMAT
};
//# sourceMappingURL=gemini-api.js.map
