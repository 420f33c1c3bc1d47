import fastifyStatic from "@fastify/static";
import { GatewayError } from "../../core/errors/gateway-error.js";
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // Chart.js and Preact set inline style attributes.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'"
].join("; ");
function serveDashboard(app, assets) {
  if (!assets) {
    app.get("/", async () => {
      throw new GatewayError("not_found", { message: "The dashboard is not built: run `npm run build` (or `npm start`, which builds it), then reload." });
    });
    return;
  }
  void app.register(fastifyStatic, {
    root: assets,
    prefix: "/",
    wildcard: false,
    index: ["index.html"],
    setHeaders: (response, path) => {
      response.header("content-security-policy", CONTENT_SECURITY_POLICY);
      response.header("x-content-type-options", "nosniff");
      response.header("x-frame-options", "DENY");
      response.header("referrer-policy", "no-referrer");
      response.header("cache-control", path.includes("/assets/") ? "public, max-age=31536000, immutable" : "no-cache");
    }
  });
}
export {
  serveDashboard
};
//# sourceMappingURL=serve-dashboard.js.map
