function authenticateCaller(keys) {
  return (exchange) => {
    const authorization = exchange.headers.authorization;
    return keys.authenticate(Array.isArray(authorization) ? authorization[0] : authorization, "inference");
  };
}
export {
  authenticateCaller
};
//# sourceMappingURL=authenticate-caller.js.map
