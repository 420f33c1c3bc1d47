import { Badge, Card, Loaded } from './page.js';
import { when } from '../format.js';
import { useApi } from '../use-api.js';

interface CredentialView {
  source: string;
  resolved_via: string | null;
  state: 'static' | 'unknown' | 'valid' | 'failed';
  expires_at: string | null;
  last_refresh: { at: string; ok: boolean } | null;
  last_error: string | null;
}
interface ProviderRow {
  id: string;
  name: string;
  protocol: string;
  credential: CredentialView | null;
}

const STATE_BADGE = {
  valid: <Badge tone="good">valid</Badge>,
  failed: <Badge tone="bad">failed</Badge>,
  unknown: <Badge tone="neutral">not used yet</Badge>,
  static: <Badge tone="neutral">static key</Badge>,
} as const;

/** Cloud providers (Bedrock, Vertex AI, Azure OpenAI): where their credentials come from and whether they work. Hidden when there are none. */
export function CloudCredentialsCard() {
  const providers = useApi<{ data: ProviderRow[] }>('/dashboard/providers');
  const cloud = providers.data?.data.filter((row) => row.credential !== null) ?? [];
  if (!providers.loading && !providers.error && cloud.length === 0) return null;
  return (
    <Card title="Cloud credentials (this node)">
      <Loaded loading={providers.loading} error={providers.error}>
        {() => (
          <table class="table" data-testid="cloud-credentials">
            <thead>
              <tr>
                <th>Provider</th>
                <th>Source</th>
                <th>State</th>
                <th>Expires</th>
                <th>Last refresh</th>
              </tr>
            </thead>
            <tbody>
              {cloud.map(({ id, name, credential }) => (
                <tr key={id} data-provider={id}>
                  <td>
                    <strong>{name}</strong> <code class="small">{id}</code>
                  </td>
                  <td>
                    {credential!.source}
                    {credential!.resolved_via && <div class="small">via {credential!.resolved_via}</div>}
                  </td>
                  <td>
                    {STATE_BADGE[credential!.state]}
                    {credential!.last_error && <div class="small">{credential!.last_error}</div>}
                  </td>
                  <td class="small">{credential!.expires_at ? when(credential!.expires_at) : '—'}</td>
                  <td class="small">{credential!.last_refresh ? `${when(credential!.last_refresh.at)} ${credential!.last_refresh.ok ? 'ok' : 'failed'}` : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Loaded>
    </Card>
  );
}
