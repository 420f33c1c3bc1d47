class CliUsageError extends Error {
}
export {
  CliUsageError
};
//# sourceMappingURL=cli-command.js.map
