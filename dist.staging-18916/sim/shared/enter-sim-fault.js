import { setTimeout as sleep } from "node:timers/promises";
async function enterSimFault(options) {
  const { req, res, fault } = options;
  const aborter = new AbortController();
  res.once("close", () => aborter.abort());
  const delay = (options.latencyMs ?? 0) + (fault.delay ?? 0);
  if (delay > 0) {
    try {
      await sleep(delay, void 0, { signal: aborter.signal });
    } catch {
      return void 0;
    }
  }
  if (fault.reset) {
    req.socket.destroy();
    return void 0;
  }
  return aborter.signal;
}
export {
  enterSimFault
};
//# sourceMappingURL=enter-sim-fault.js.map
