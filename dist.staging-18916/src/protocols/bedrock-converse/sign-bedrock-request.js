import { Hash } from "@smithy/hash-node";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
class Sha256 extends Hash {
  constructor(secret) {
    super("sha256", secret);
  }
}
const signers = /* @__PURE__ */ new WeakMap();
async function signBedrockRequest(options) {
  const url = new URL(options.url);
  const request = new HttpRequest({
    method: "POST",
    protocol: url.protocol,
    hostname: url.hostname,
    port: url.port ? Number(url.port) : void 0,
    // url.pathname keeps percent-escapes as written, which is what goes on the wire.
    path: url.pathname,
    headers: { ...options.headers, host: url.host },
    body: options.body
  });
  const signed = await signerFor(options.aws).sign(request);
  return signed.headers;
}
function signerFor(aws) {
  let signer = signers.get(aws);
  if (!signer) {
    const { credentials, credentialSource } = aws;
    if (!credentials && !credentialSource) throw new Error("signBedrockRequest needs AWS credentials");
    signer = new SignatureV4({
      service: "bedrock",
      region: aws.region,
      // A credential source is asked on every signature: it answers from its cache and refreshes ahead of expiry.
      credentials: credentials ?? (() => credentialSource.get()),
      sha256: Sha256,
      // Bedrock does not want x-amz-content-sha256; leaving it out keeps requests small.
      applyChecksum: false
    });
    signers.set(aws, signer);
  }
  return signer;
}
export {
  signBedrockRequest
};
//# sourceMappingURL=sign-bedrock-request.js.map
