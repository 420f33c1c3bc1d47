function maskProviderKey(key) {
  if (key.length < 12) return `...${key.slice(-2)}`;
  return `${key.slice(0, Math.min(4, Math.floor(key.length / 5)))}...${key.slice(-4)}`;
}
export {
  maskProviderKey
};
//# sourceMappingURL=mask-provider-key.js.map
