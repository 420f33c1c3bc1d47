function emptyRouteReport() {
  return { strategy: "load_balanced", considered: [], excluded: [] };
}
export {
  emptyRouteReport
};
//# sourceMappingURL=route-report.js.map
