import { parseArgs } from "node:util";
async function runSimulatorCli(options) {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: String(options.defaultPort) },
      host: { type: "string", default: "127.0.0.1" },
      "latency-ms": { type: "string", default: "0" },
      "chunk-delay-ms": { type: "string", default: "0" }
    }
  });
  const simulator = await options.start({
    port: Number(values.port),
    host: values.host,
    latencyMs: Number(values["latency-ms"]),
    chunkDelayMs: Number(values["chunk-delay-ms"])
  });
  console.log(`${options.name} simulator listening on ${simulator.url}`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void simulator.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
export {
  runSimulatorCli
};
//# sourceMappingURL=run-simulator-cli.js.map
