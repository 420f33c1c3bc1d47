import { randomBytes } from "node:crypto";
import { readSimBody } from "../shared/read-sim-body.js";
import { startSimServer } from "../shared/start-sim-server.js";
import { verifyAuthorization } from "../bedrock/verify-sigv4.js";
const ROLE_NAME = "switchyard-instance-role";
const CONTAINER_PATH = "/v2/credentials/task-1";
async function startAwsCredentialStandIn(options) {
  const imdsTokens = /* @__PURE__ */ new Set();
  let counter = 0;
  const standIn = {
    requests: [],
    issued: [],
    accepted: [],
    lifetimeMs: options.lifetimeMs ?? 36e5,
    hold: void 0
  };
  async function issue(via) {
    if (standIn.hold) await standIn.hold;
    counter += 1;
    const credential = {
      accessKeyId: `ASIASTANDIN${String(counter).padStart(9, "0")}`,
      secretAccessKey: randomBytes(20).toString("base64"),
      sessionToken: `stand-in-session-${counter}-${randomBytes(12).toString("hex")}`,
      expiration: new Date(Date.now() + standIn.lifetimeMs),
      via
    };
    standIn.issued.push(credential);
    standIn.accepted.push(credential);
    return credential;
  }
  async function handle(req, res) {
    const method = req.method ?? "GET";
    const path = req.url ?? "/";
    const raw = await readSimBody(req);
    const record = { method, path, headers: req.headers };
    standIn.requests.push(record);
    if (path === "/latest/api/token") {
      const ttl = Number(req.headers["x-aws-ec2-metadata-token-ttl-seconds"]);
      if (method !== "PUT" || !(ttl >= 1 && ttl <= 21600)) return send(res, 400, "text/plain", "Bad Request");
      const token = `imds-token-${randomBytes(8).toString("hex")}`;
      imdsTokens.add(token);
      return send(res, 200, "text/plain", token, { "x-aws-ec2-metadata-token-ttl-seconds": String(ttl) });
    }
    if (path.startsWith("/latest/meta-data/iam/security-credentials/")) {
      if (!imdsTokens.has(String(req.headers["x-aws-ec2-metadata-token"] ?? ""))) return send(res, 401, "text/plain", "Unauthorized");
      const name = path.slice("/latest/meta-data/iam/security-credentials/".length);
      if (name === "") return send(res, 200, "text/plain", ROLE_NAME);
      if (name !== ROLE_NAME) return send(res, 404, "text/plain", "Not Found");
      const credential = await issue("imds");
      return sendJson(res, 200, {
        Code: "Success",
        LastUpdated: (/* @__PURE__ */ new Date()).toISOString(),
        Type: "AWS-HMAC",
        AccessKeyId: credential.accessKeyId,
        SecretAccessKey: credential.secretAccessKey,
        Token: credential.sessionToken,
        Expiration: credential.expiration.toISOString()
      });
    }
    if (path === CONTAINER_PATH) {
      if (options.containerAuthorization === void 0 || req.headers.authorization !== options.containerAuthorization) {
        return sendJson(res, 401, { code: "AccessDenied", message: "Unauthorized" });
      }
      const credential = await issue("container");
      return sendJson(res, 200, {
        AccessKeyId: credential.accessKeyId,
        SecretAccessKey: credential.secretAccessKey,
        Token: credential.sessionToken,
        Expiration: credential.expiration.toISOString()
      });
    }
    if (method === "POST" && path.split("?")[0] === "/") {
      const form = Object.fromEntries(new URLSearchParams(raw));
      record.form = form;
      if (form.Action === "AssumeRoleWithWebIdentity") {
        if (!options.webIdentityToken || form.WebIdentityToken !== options.webIdentityToken) {
          return stsError(res, 400, "InvalidIdentityToken", "Couldn't retrieve verification key from your identity provider");
        }
        const credential = await issue("web-identity");
        return sendXml(res, assumeRoleXml("AssumeRoleWithWebIdentity", credential, form.RoleArn ?? "", form.RoleSessionName ?? ""));
      }
      if (form.Action === "AssumeRole") {
        const auth = await verifyAuthorization({ method, rawPath: path, headers: req.headers, body: raw, credentials: options.baseCredentials ?? [], service: "sts" });
        if (!auth.ok) return stsError(res, 403, "SignatureDoesNotMatch", auth.message);
        record.signedBy = auth.accessKeyId;
        const credential = await issue("assume-role");
        return sendXml(res, assumeRoleXml("AssumeRole", credential, form.RoleArn ?? "", form.RoleSessionName ?? ""));
      }
      return stsError(res, 400, "InvalidAction", `Could not find operation ${form.Action ?? ""}`);
    }
    return send(res, 404, "text/plain", "Not Found");
  }
  const server = await startSimServer({ handle, sendCrash: (res) => send(res, 500, "text/plain", "Internal Error") });
  return Object.assign(standIn, {
    url: server.origin,
    imdsEndpoint: server.origin,
    containerCredentialsUri: `${server.origin}${CONTAINER_PATH}`,
    stsEndpoint: server.origin,
    close: () => server.close()
  });
}
function assumeRoleXml(action, credential, roleArn, sessionName) {
  const user = action === "AssumeRoleWithWebIdentity" ? "<SubjectFromWebIdentityToken>system:serviceaccount:default:switchyard</SubjectFromWebIdentityToken>" : "";
  return `<${action}Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <${action}Result>
    ${user}
    <AssumedRoleUser><Arn>${escapeXml(roleArn.replace(":iam::", ":sts::").replace(":role/", ":assumed-role/"))}/${escapeXml(sessionName)}</Arn><AssumedRoleId>AROASTANDIN:${escapeXml(sessionName)}</AssumedRoleId></AssumedRoleUser>
    <Credentials>
      <AccessKeyId>${credential.accessKeyId}</AccessKeyId>
      <SecretAccessKey>${escapeXml(credential.secretAccessKey)}</SecretAccessKey>
      <SessionToken>${credential.sessionToken}</SessionToken>
      <Expiration>${credential.expiration.toISOString()}</Expiration>
    </Credentials>
  </${action}Result>
  <ResponseMetadata><RequestId>${randomBytes(8).toString("hex")}</RequestId></ResponseMetadata>
</${action}Response>`;
}
function stsError(res, status, code, message) {
  sendXml(
    res,
    `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>stand-in</RequestId></ErrorResponse>`,
    status
  );
}
function escapeXml(text) {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
function sendXml(res, body, status = 200) {
  send(res, status, "text/xml", body);
}
function sendJson(res, status, body) {
  send(res, status, "application/json", JSON.stringify(body));
}
function send(res, status, type, body, headers = {}) {
  res.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(body), ...headers });
  res.end(body);
}
export {
  startAwsCredentialStandIn
};
//# sourceMappingURL=start-aws-credential-stand-in.js.map
