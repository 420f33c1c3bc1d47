/** The gateway's version, reported to telemetry (kept equal to package.json's by a test). */
export const GATEWAY_VERSION = '0.1.0';
