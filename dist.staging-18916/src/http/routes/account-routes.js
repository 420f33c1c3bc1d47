import { InvalidRequestError, NotFoundError } from "../../core/errors/gateway-error.js";
import { encodeCurrentKey } from "../management/encode-key.js";
import { encodeGeneration } from "../management/encode-generation.js";
function registerAccountRoutes(app, deps) {
  app.get("/api/v1/generation", async (request) => {
    const caller = deps.keys.authenticate(request.headers.authorization, "any");
    const id = request.query.id;
    if (!id) throw new InvalidRequestError('Query parameter "id" is required, e.g. /api/v1/generation?id=gen-\u2026');
    let record = await deps.generations.findById(id, caller.key.workspaceId);
    if (!record && deps.writer.pending > 0) {
      await deps.writer.flush();
      record = await deps.generations.findById(id, caller.key.workspaceId);
    }
    if (!record) throw new NotFoundError(`Generation ${id} not found`);
    return { data: encodeGeneration(record) };
  });
  app.get("/api/v1/key", async (request) => {
    const { key } = deps.keys.authenticate(request.headers.authorization, "any");
    const scope = `key:${key.hash}`;
    const account = (await deps.ledger.snapshot([scope], deps.now())).get(scope);
    return { data: encodeCurrentKey(key, account, await deps.rateLimiter.freeDailyUsage(key.workspaceId)) };
  });
}
export {
  registerAccountRoutes
};
//# sourceMappingURL=account-routes.js.map
