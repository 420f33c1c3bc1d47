import { Badge, Card, Empty, Loaded, Page } from '../components/page.js';
import { usd, when } from '../format.js';
import { useApi } from '../use-api.js';

interface Guardrail {
  id: string;
  name: string;
  description: string | null;
  limit_usd: number | null;
  reset_interval: string | null;
  allowed_models: string[] | null;
  allowed_providers: string[] | null;
  enforce_zdr: boolean;
  content_filter_builtins: Array<{ slug: string; action: string }>;
  content_filters: Array<{ pattern: string; action: string; label?: string }>;
  created_at: string;
}

export function GuardrailsPage() {
  const { data, error, loading } = useApi<{ data: Guardrail[]; total_count: number }>('/guardrails');
  const keys = useApi<{ data: Array<{ guardrail_id: string; key_name: string | null }> }>('/guardrails/assignments/keys');
  return (
    <Page title="Guardrails" subtitle="Budgets, model and provider allow-lists and content filters, assigned to keys and members (manage them with /api/v1/guardrails).">
      <Card>
        <Loaded loading={loading} error={error}>
          {() =>
            data!.data.length === 0 ? (
              <Empty>No guardrails yet.</Empty>
            ) : (
              <table class="table">
                <thead>
                  <tr>
                    <th>Name</th>
                    <th>Budget</th>
                    <th>Models / providers</th>
                    <th>Filters</th>
                    <th>Assigned keys</th>
                    <th>Created</th>
                  </tr>
                </thead>
                <tbody>
                  {data!.data.map((guardrail) => (
                    <tr key={guardrail.id}>
                      <td>
                        <strong>{guardrail.name}</strong>
                        {guardrail.enforce_zdr && <Badge tone="neutral">ZDR</Badge>}
                        <div class="muted small">{guardrail.description ?? ''}</div>
                      </td>
                      <td>{guardrail.limit_usd === null ? 'none' : `${usd(guardrail.limit_usd)} ${guardrail.reset_interval ?? ''}`}</td>
                      <td class="small">{[...(guardrail.allowed_models ?? []), ...(guardrail.allowed_providers ?? [])].join(', ') || 'any'}</td>
                      <td class="small">
                        {[...guardrail.content_filter_builtins.map((f) => `${f.slug} (${f.action})`), ...guardrail.content_filters.map((f) => `${f.label ?? 'pattern'} (${f.action})`)].join(', ') || 'none'}
                      </td>
                      <td class="small">{(keys.data?.data ?? []).filter((a) => a.guardrail_id === guardrail.id).map((a) => a.key_name).join(', ') || '—'}</td>
                      <td class="small">{when(guardrail.created_at)}</td>
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
