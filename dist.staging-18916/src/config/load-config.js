import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { configSchema } from "./config-schema.js";
import { ConfigError } from "./config-error.js";
function loadConfig(options = {}) {
  const env = options.env ?? process.env;
  const path = findConfigPath(options.argv ?? process.argv.slice(2), env);
  let raw = options.inline ?? {};
  if (path) {
    let text;
    try {
      text = readFileSync(path, "utf8");
    } catch (error) {
      throw new ConfigError(`Cannot read config file ${path}: ${error.message}`);
    }
    try {
      raw = parseYaml(text) ?? {};
    } catch (error) {
      throw new ConfigError(`Config file ${path} is not valid YAML: ${error.message}`);
    }
    if (typeof raw !== "object" || Array.isArray(raw)) {
      throw new ConfigError(`Config file ${path} must hold a YAML mapping at the top level`);
    }
  }
  const merged = applyEnvOverrides(raw, env);
  const workers = findWorkersArg(options.argv ?? process.argv.slice(2));
  if (workers !== void 0) merged.workers = workers;
  const result = configSchema.safeParse(merged);
  if (!result.success) {
    const where = path ?? "inline configuration";
    const problems = result.error.issues.map((issue) => `  - ${issue.path.join(".") || "(root)"}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration in ${where}:
${problems.join("\n")}`);
  }
  return result.data;
}
function findConfigPath(argv, env) {
  const index = argv.findIndex((arg) => arg === "--config" || arg.startsWith("--config="));
  if (index >= 0) {
    const arg = argv[index];
    const value = arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : argv[index + 1];
    if (!value) throw new ConfigError("--config needs a file path");
    return value;
  }
  return env.SWITCHYARD_CONFIG || void 0;
}
function findWorkersArg(argv) {
  const index = argv.findIndex((arg2) => arg2 === "--workers" || arg2.startsWith("--workers="));
  if (index < 0) return void 0;
  const arg = argv[index];
  const value = arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : argv[index + 1];
  return parseWorkers(value, "--workers");
}
function parseWorkers(value, source) {
  const workers = Number(value);
  if (!value || !Number.isInteger(workers) || workers < 1) throw new ConfigError(`${source} must be a whole number \u2265 1, got ${JSON.stringify(value ?? "")}`);
  return workers;
}
function applyEnvOverrides(raw, env) {
  const out = { ...raw };
  const listen = { ...raw.listen ?? {} };
  if (env.PORT) {
    const port = Number(env.PORT);
    if (!Number.isInteger(port)) throw new ConfigError(`PORT must be an integer, got ${JSON.stringify(env.PORT)}`);
    listen.port = port;
  }
  if (env.HOST) listen.host = env.HOST;
  out.listen = listen;
  if (env.SWITCHYARD_DATABASE) out.database = env.SWITCHYARD_DATABASE;
  if (env.SWITCHYARD_DATA_DIR) out.data_dir = env.SWITCHYARD_DATA_DIR;
  if (env.SWITCHYARD_REDIS) out.redis = env.SWITCHYARD_REDIS;
  const otlpEndpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.replace(/\/v1\/traces\/?$/, "") || env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (otlpEndpoint || env.OTEL_SERVICE_NAME) {
    out.telemetry = {
      ...raw.telemetry ?? {},
      ...otlpEndpoint ? { otlp_endpoint: otlpEndpoint } : {},
      ...env.OTEL_SERVICE_NAME ? { service_name: env.OTEL_SERVICE_NAME } : {}
    };
  }
  if (env.SWITCHYARD_WORKERS) out.workers = parseWorkers(env.SWITCHYARD_WORKERS, "SWITCHYARD_WORKERS");
  if (env.SWITCHYARD_ADMIN_KEY) out.admin_key = "env:SWITCHYARD_ADMIN_KEY";
  if (env.SWITCHYARD_MASTER_KEY) out.master_key = "env:SWITCHYARD_MASTER_KEY";
  return out;
}
export {
  loadConfig
};
//# sourceMappingURL=load-config.js.map
