import type { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentials, AwsSettings } from '../../core/provider-types.js';
import { registerSecret } from '../../core/secret-registry.js';

/**
 * Smithy's signer and its helpers (several MB) are imported on the first Bedrock request, so a
 * gateway without Bedrock never loads them.
 */
async function importSmithy() {
  const [hash, http, signature] = await Promise.all([import('@smithy/hash-node'), import('@smithy/protocol-http'), import('@smithy/signature-v4')]);
  /** SHA-256 (and HMAC-SHA-256 when given a secret) from Node's crypto, as SignatureV4 wants it. */
  class Sha256 extends hash.Hash {
    constructor(secret?: ConstructorParameters<typeof hash.Hash>[1]) {
      super('sha256', secret);
    }
  }
  return { HttpRequest: http.HttpRequest, SignatureV4: signature.SignatureV4, Sha256 };
}
type Smithy = Awaited<ReturnType<typeof importSmithy>>;
let smithy: Promise<Smithy> | undefined;
const loadSmithy = (): Promise<Smithy> => (smithy ??= importSmithy());

/** One signer per provider's settings: Smithy caches the derived signing key (per day and key) inside it. */
const signers = new WeakMap<AwsSettings, SignatureV4>();

/**
 * Signs a Bedrock runtime request with SigV4 (service `bedrock`). The URL's path must already
 * carry the model id encoded as one segment (`%3A`, `%2F`); Smithy then encodes it once more
 * for the canonical request (`%253A`), as AWS does for every service but S3 — signing the
 * singly-encoded path is the classic bug that makes every `…:0` model id fail with 403.
 * Returns the headers to send (host, x-amz-date, authorization, security token).
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html
 */
export async function signBedrockRequest(options: {
  url: string;
  headers: Record<string, string>;
  body: string;
  /** Must carry credentials; kept as the provider's own object so the signer is reused. */
  aws: AwsSettings;
}): Promise<Record<string, string>> {
  const { HttpRequest, SignatureV4, Sha256 } = await loadSmithy();
  const url = new URL(options.url);
  const request = new HttpRequest({
    method: 'POST',
    protocol: url.protocol,
    hostname: url.hostname,
    port: url.port ? Number(url.port) : undefined,
    // url.pathname keeps percent-escapes as written, which is what goes on the wire.
    path: url.pathname,
    headers: { ...options.headers, host: url.host },
    body: options.body,
  });
  const signed = await signerFor(options.aws, { SignatureV4, Sha256 }).sign(request);
  return signed.headers;
}

function signerFor(aws: AwsSettings, smithyClasses: Pick<Smithy, 'SignatureV4' | 'Sha256'>): SignatureV4 {
  const { SignatureV4, Sha256 } = smithyClasses;
  let signer = signers.get(aws);
  if (!signer) {
    const { credentials, credentialSource } = aws;
    if (!credentials && !credentialSource) throw new Error('signBedrockRequest needs AWS credentials');
    signer = new SignatureV4({
      service: 'bedrock',
      region: aws.region,
      // A credential source is asked on every signature: it answers from its cache and refreshes ahead of expiry.
      // Each credential it hands out (static or fetched) is registered for scrubbing as it is used.
      credentials: credentials ? registerAwsCredentials(credentials) : () => credentialSource!.get().then(registerAwsCredentials),
      sha256: Sha256,
      // Bedrock does not want x-amz-content-sha256; leaving it out keeps requests small.
      applyChecksum: false,
    });
    signers.set(aws, signer);
  }
  return signer;
}

/** The credentials, after registering their secret parts with the scrubber (core/secret-registry). */
function registerAwsCredentials(credentials: AwsCredentials): AwsCredentials {
  registerSecret(credentials.accessKeyId);
  registerSecret(credentials.secretAccessKey);
  registerSecret(credentials.sessionToken);
  return credentials;
}
