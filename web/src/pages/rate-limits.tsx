import { Card, Loaded, Page } from '../components/page.js';
import { useApi } from '../use-api.js';
import type { KeyObject } from './keys.js';

export function RateLimitsPage() {
  const { data, error, loading } = useApi<{ data: KeyObject[] }>('/keys');
  const limit = (value: number | null) => (value === null ? <span class="muted">default</span> : value === 0 ? 'unlimited' : value.toLocaleString('en-US'));
  return (
    <Page title="Rate limits" subtitle="Per-key overrides of the configured limits (edit them on the Keys page).">
      <Card>
        <Loaded loading={loading} error={error}>
          {() => (
            <table class="table">
              <thead>
                <tr>
                  <th>Key</th>
                  <th class="num">Requests / min</th>
                  <th class="num">Tokens / min</th>
                  <th class="num">Concurrent</th>
                </tr>
              </thead>
              <tbody>
                {data!.data.map((key) => (
                  <tr key={key.hash}>
                    <td>
                      {key.name} <code class="small">{key.label}</code>
                    </td>
                    <td class="num">{limit(key.rate_limits.requests_per_minute)}</td>
                    <td class="num">{limit(key.rate_limits.tokens_per_minute)}</td>
                    <td class="num">{limit(key.rate_limits.concurrent_requests)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Loaded>
      </Card>
    </Page>
  );
}
