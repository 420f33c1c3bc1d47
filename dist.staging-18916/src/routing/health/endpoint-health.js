function endpointKey(modelId, providerId) {
  return `${providerId}|${modelId}`;
}
export {
  endpointKey
};
//# sourceMappingURL=endpoint-health.js.map
