function registerOperationsRoutes(app, deps) {
  app.get("/healthz", async () => ({ status: "ok" }));
  app.get("/readyz", async (_request, reply) => {
    if (deps.isStopping()) return reply.code(503).send({ status: "stopping" });
    try {
      await deps.stores.ping();
      return { status: "ready" };
    } catch {
      return reply.code(503).send({ status: "unavailable", reason: "database unreachable" });
    }
  });
  app.get("/metrics", async (_request, reply) => {
    reply.header("content-type", deps.metrics.registry.contentType);
    return deps.metrics.registry.metrics();
  });
}
export {
  registerOperationsRoutes
};
//# sourceMappingURL=operations-routes.js.map
