const GATEWAY_VERSION = "0.1.0";
export {
  GATEWAY_VERSION
};
//# sourceMappingURL=gateway-version.js.map
