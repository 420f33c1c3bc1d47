import { Hash } from "@smithy/hash-node";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
class Sha256 extends Hash {
  constructor(secret) {
    super("sha256", secret);
  }
}
const SIGV4 = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;
async function verifyAuthorization(options) {
  const expectedService = options.service ?? "bedrock";
  const header = options.headers.authorization ?? "";
  if (/^Bearer\s+\S+$/.test(header)) {
    const token = header.slice(7).trim();
    if (options.apiKeys && !options.apiKeys.includes(token)) {
      return { ok: false, type: "AccessDeniedException", message: "Authentication failed: Please make sure your API Key is valid." };
    }
    return { ok: true, kind: "bearer" };
  }
  const match = SIGV4.exec(header);
  if (!match) {
    return { ok: false, type: "UnrecognizedClientException", message: "The security token included in the request is invalid." };
  }
  const [, accessKeyId, date, region, service, signedHeaders] = match;
  const amzDate = String(options.headers["x-amz-date"] ?? "");
  if (service !== expectedService || !amzDate.startsWith(date) || options.region && region !== options.region) {
    return { ok: false, type: "InvalidSignatureException", message: `Credential should be scoped to a valid region and service '${expectedService}'.` };
  }
  if (!signedHeaders.split(";").includes("host") || !signedHeaders.split(";").includes("x-amz-date")) {
    return { ok: false, type: "InvalidSignatureException", message: "Signed headers must include host and x-amz-date." };
  }
  if (!options.credentials) return { ok: true, kind: "sigv4", accessKeyId };
  const accepted = Array.isArray(options.credentials) ? options.credentials : [options.credentials];
  const credentials = accepted.find((candidate) => candidate.accessKeyId === accessKeyId);
  if (!credentials) {
    return { ok: false, type: "UnrecognizedClientException", message: "The security token included in the request is invalid." };
  }
  if (credentials.sessionToken !== void 0 && options.headers["x-amz-security-token"] !== credentials.sessionToken) {
    return { ok: false, type: "UnrecognizedClientException", message: "The security token included in the request is invalid." };
  }
  const expected = await resign({ ...options, credentials, region, service: expectedService, signedHeaders: signedHeaders.split(";"), amzDate });
  if (expected !== header) {
    return {
      ok: false,
      type: "InvalidSignatureException",
      message: "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."
    };
  }
  return { ok: true, kind: "sigv4", accessKeyId };
}
async function resign(options) {
  const headers = {};
  for (const name of options.signedHeaders) {
    const value = options.headers[name];
    headers[name] = Array.isArray(value) ? value.join(",") : value ?? "";
  }
  const token = options.headers["x-amz-security-token"];
  const signer = new SignatureV4({
    service: options.service,
    region: options.region,
    credentials: { ...options.credentials, ...typeof token === "string" ? { sessionToken: token } : {} },
    sha256: Sha256,
    applyChecksum: false
  });
  const query = options.rawPath.indexOf("?");
  const signed = await signer.sign(
    new HttpRequest({
      method: options.method,
      hostname: "unused",
      path: query < 0 ? options.rawPath : options.rawPath.slice(0, query),
      headers,
      body: options.body
    }),
    { signingDate: parseAmzDate(options.amzDate) }
  );
  return signed.headers.authorization;
}
function parseAmzDate(value) {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return new Date(Number.NaN);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])));
}
export {
  verifyAuthorization
};
//# sourceMappingURL=verify-sigv4.js.map
