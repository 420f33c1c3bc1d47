const DEFAULT_AZURE_API_VERSION = "2024-10-21";
export {
  DEFAULT_AZURE_API_VERSION
};
//# sourceMappingURL=provider-types.js.map
