import { Badge, Card, Empty, Loaded, Page } from '../components/page.js';
import { when } from '../format.js';
import { useApi } from '../use-api.js';
import { CloudCredentialsCard } from '../components/cloud-credentials-card.js';

interface Provider {
  name: string;
  slug: string;
  data_policy: { zdr: boolean; trains_on_data: boolean; retention_days: number; region: string };
}
interface EndpointRow {
  endpoint: string;
  provider_name: string;
  model: string;
  status: number;
  breaker: 'closed' | 'open' | 'half_open';
  uptime_5m: number | null;
  uptime_30m: number | null;
  uptime_1d: number | null;
  latency_ms_30m: { p50: number; p90: number; p99: number } | null;
  throughput_30m: { p50: number; p90: number } | null;
  successes: number;
  failures: number;
  rate_limited: number;
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
  const endpoints = useApi<{ data: EndpointRow[] }>('/dashboard/endpoints');
  const uptime = (value: number | null) => (value === null ? '—' : `${value.toFixed(value === 100 ? 0 : 1)}%`);
  return (
    <Page title="Providers" subtitle="Live endpoint health as routing sees it, enabled providers with their data policy, and the workspace's own provider keys (BYOK, shown masked).">
      <Card title="Endpoint health (this node, live)">
        <Loaded loading={endpoints.loading} error={endpoints.error}>
          {() =>
            endpoints.data!.data.length === 0 ? (
              <Empty>No traffic yet: endpoints appear here after their first request.</Empty>
            ) : (
              <table class="table" data-testid="endpoint-health">
                <thead>
                  <tr>
                    <th>Endpoint</th>
                    <th>State</th>
                    <th class="num">Uptime 5 m / 30 m / 1 d</th>
                    <th class="num">TTFT p50 / p90</th>
                    <th class="num">Tokens/s p50</th>
                    <th class="num">OK / failed / 429</th>
                  </tr>
                </thead>
                <tbody>
                  {endpoints.data!.data.map((row) => (
                    <tr key={row.endpoint} data-endpoint={row.endpoint}>
                      <td>
                        <strong>{row.provider_name}</strong> <code class="small">{row.model}</code>
                      </td>
                      <td>
                        {row.breaker === 'open' ? <Badge tone="bad">circuit open</Badge> : row.breaker === 'half_open' ? <Badge tone="warn">probing</Badge> : row.status < 0 ? <Badge tone="warn">degraded</Badge> : <Badge tone="good">healthy</Badge>}
                      </td>
                      <td class="num">
                        {uptime(row.uptime_5m)} / {uptime(row.uptime_30m)} / {uptime(row.uptime_1d)}
                      </td>
                      <td class="num">{row.latency_ms_30m ? `${Math.round(row.latency_ms_30m.p50)} / ${Math.round(row.latency_ms_30m.p90)} ms` : '—'}</td>
                      <td class="num">{row.throughput_30m ? Math.round(row.throughput_30m.p50) : '—'}</td>
                      <td class="num">
                        {row.successes} / {row.failures} / {row.rate_limited}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        </Loaded>
      </Card>
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
      <CloudCredentialsCard />
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
