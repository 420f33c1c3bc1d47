function followStoreChanges(feed, copies, logger) {
  const running = /* @__PURE__ */ new Map();
  const reread = async (topic, ids) => {
    switch (topic) {
      case "key":
        if (ids === "all") await copies.keys.reload();
        else for (const id of ids) await copies.keys.refresh(id);
        return;
      case "key-rate-limits":
        return copies.keyRateLimits.reload();
      case "guardrails":
        return copies.guardrails.reload();
      case "privacy":
        return copies.privacy.reload();
      case "workspaces":
        return copies.directory.reload();
      case "credits":
        return copies.directory.refreshCredits(copies.ledger, ids === "all" ? void 0 : [...ids]);
    }
  };
  const schedule = (topic, id) => {
    const current = running.get(topic);
    if (current) {
      current.next ??= { ids: /* @__PURE__ */ new Set(), waiters: [] };
      addId(current.next, id);
      return new Promise((resolve) => current.next.waiters.push(resolve));
    }
    const pass = { ids: /* @__PURE__ */ new Set(), waiters: [] };
    addId(pass, id);
    running.set(topic, pass);
    const done = new Promise((resolve) => pass.waiters.push(resolve));
    void (async () => {
      let batch = pass;
      while (batch) {
        try {
          await reread(topic, batch.ids);
        } catch (error) {
          logger.error({ err: error, topic }, "could not re-read a change made on another node; retrying at the next resync");
        }
        for (const resolve of batch.waiters) resolve();
        batch = running.get(topic).next;
        if (batch) running.set(topic, batch);
      }
      running.delete(topic);
    })();
    return done;
  };
  feed.subscribe({
    onNotice: (notice) => schedule(notice.topic, notice.id),
    onResync: async () => {
      await Promise.all(["key", "key-rate-limits", "guardrails", "privacy", "workspaces", "credits"].map((topic) => schedule(topic, void 0)));
    }
  });
}
function addId(pass, id) {
  if (id === void 0) pass.ids = "all";
  else if (pass.ids !== "all") pass.ids.add(id);
}
export {
  followStoreChanges
};
//# sourceMappingURL=follow-store-changes.js.map
