class ConfigError extends Error {
  constructor(message) {
    super(message);
    this.name = "ConfigError";
  }
}
export {
  ConfigError
};
//# sourceMappingURL=config-error.js.map
