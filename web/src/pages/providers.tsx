import { Badge, Card, Empty, Loaded, Page } from '../components/page.js';
import { when } from '../format.js';
import { useApi } from '../use-api.js';

interface Provider {
  name: string;
  slug: string;
  data_policy: { zdr: boolean; trains_on_data: boolean; retention_days: number; region: string };
}
interface ByokKey {
  id: string;
  provider: string;
  label: string;
  name: string;
  disabled: boolean;
  always_use: boolean;
  is_fallback: boolean;
  created_at: string;
}

export function ProvidersPage() {
  const providers = useApi<{ data: Provider[] }>('/providers');
  const byok = useApi<{ data: ByokKey[] }>('/byok');
  return (
    <Page title="Providers" subtitle="Enabled providers with their data policy, and the workspace's own provider keys (BYOK, shown masked).">
      <Card title="Providers">
        <Loaded loading={providers.loading} error={providers.error}>
          {() => (
            <table class="table">
              <thead>
                <tr>
                  <th>Provider</th>
                  <th>Region</th>
                  <th>Data policy</th>
                </tr>
              </thead>
              <tbody>
                {providers.data!.data.map((provider) => (
                  <tr key={provider.slug}>
                    <td>
                      <strong>{provider.name}</strong> <code class="small">{provider.slug}</code>
                    </td>
                    <td>{provider.data_policy.region}</td>
                    <td>
                      {provider.data_policy.zdr ? <Badge tone="good">ZDR</Badge> : <Badge tone="neutral">retains {provider.data_policy.retention_days} d</Badge>}{' '}
                      {provider.data_policy.trains_on_data && <Badge tone="warn">trains on data</Badge>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Loaded>
      </Card>
      <Card title="Your provider keys (BYOK)">
        <Loaded loading={byok.loading} error={byok.error}>
          {() =>
            byok.data!.data.length === 0 ? (
              <Empty>No provider keys of your own: requests use the gateway's pooled keys.</Empty>
            ) : (
              <table class="table">
                <thead>
                  <tr>
                    <th>Name</th>
                    <th>Provider</th>
                    <th>Key</th>
                    <th>Use</th>
                    <th>Added</th>
                  </tr>
                </thead>
                <tbody>
                  {byok.data!.data.map((key) => (
                    <tr key={key.id}>
                      <td>{key.name}</td>
                      <td>{key.provider}</td>
                      <td>
                        <code>{key.label}</code>
                      </td>
                      <td>{key.disabled ? <Badge tone="neutral">disabled</Badge> : key.always_use ? 'always' : key.is_fallback ? 'fallback' : 'first'}</td>
                      <td class="small">{when(key.created_at)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        </Loaded>
      </Card>
    </Page>
  );
}
