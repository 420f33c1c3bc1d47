import { ACTIVITY_DAYS, encodeActivity, groupByEndpoint } from "../routes/activity-routes.js";
const DAY_MS = 864e5;
function registerDashboardOverviewRoutes(app, deps) {
  app.get("/api/v1/dashboard/overview", async (request) => {
    deps.keys.authenticate(request.headers.authorization, "management");
    const today = Date.parse(deps.now().toISOString().slice(0, 10));
    const days = Array.from({ length: ACTIVITY_DAYS + 1 }, (_, index) => new Date(today - (ACTIVITY_DAYS - index) * DAY_MS).toISOString().slice(0, 10));
    const rows = await deps.ledger.activity({ from: days[0], to: days.at(-1), workspaceId: request.query.workspace_id || void 0 });
    return { data: { days, activity: groupByEndpoint(rows).map(encodeActivity), outcomes: null } };
  });
}
export {
  registerDashboardOverviewRoutes
};
//# sourceMappingURL=dashboard-overview-routes.js.map
