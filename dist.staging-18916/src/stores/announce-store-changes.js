function announceStoreChanges(stores, feed) {
  const byHash = (args) => ({ topic: "key", id: String(args[0]) });
  return {
    ...stores,
    // Spread drops class methods: re-attach the lifecycle ones bound to the original set.
    ping: () => stores.ping(),
    close: () => stores.close(),
    keys: announcing(stores.keys, feed, {
      create: (args) => ({ topic: "key", id: args[0].hash }),
      update: byHash,
      delete: byHash
    }),
    keyRateLimits: announcing(stores.keyRateLimits, feed, {
      set: (args) => ({ topic: "key-rate-limits", id: String(args[0]) }),
      delete: (args) => ({ topic: "key-rate-limits", id: String(args[0]) })
    }),
    guardrails: announcing(stores.guardrails, feed, {
      create: () => ({ topic: "guardrails" }),
      update: () => ({ topic: "guardrails" }),
      delete: () => ({ topic: "guardrails" }),
      assign: () => ({ topic: "guardrails" }),
      unassign: () => ({ topic: "guardrails" })
    }),
    privacy: announcing(stores.privacy, feed, { putSettings: () => ({ topic: "privacy" }) }),
    workspaces: announcing(stores.workspaces, feed, {
      createWorkspace: () => ({ topic: "workspaces" }),
      createMember: () => ({ topic: "workspaces" }),
      updateMember: () => ({ topic: "workspaces" })
    }),
    ledger: announcing(stores.ledger, feed, {
      addCredits: (args) => ({ topic: "credits", id: args[0].workspaceId })
    })
  };
}
function announcing(store, feed, writes) {
  const bound = /* @__PURE__ */ new Map();
  return new Proxy(store, {
    get(target, property) {
      const cached = bound.get(property);
      if (cached !== void 0) return cached;
      const value = Reflect.get(target, property, target);
      if (typeof value !== "function") return value;
      const method = value;
      const announce = writes[property];
      const wrapped = announce ? async (...args) => {
        const result = await method.apply(target, args);
        const notice = announce(args, result);
        if (notice) feed.publish(notice);
        return result;
      } : method.bind(target);
      bound.set(property, wrapped);
      return wrapped;
    }
  });
}
export {
  announceStoreChanges
};
//# sourceMappingURL=announce-store-changes.js.map
