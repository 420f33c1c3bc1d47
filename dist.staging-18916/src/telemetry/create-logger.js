import { pino } from "pino";
function createLogger(level = process.env.LOG_LEVEL ?? "info") {
  return pino({
    level,
    redact: {
      paths: ["req.headers.authorization", 'req.headers["x-api-key"]', "headers.authorization", "*.apiKey", "*.api_key"],
      censor: "[REDACTED]"
    }
  });
}
export {
  createLogger
};
//# sourceMappingURL=create-logger.js.map
