function auditActor(request, key) {
  return { keyHash: key.hash, keyName: key.name, ip: request.ip || null };
}
export {
  auditActor
};
//# sourceMappingURL=audit-actor.js.map
