import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { Card, Kpi, Loaded, Page } from '../components/page.js';
import { usd, when } from '../format.js';
import { useApi } from '../use-api.js';
import { UsageBar } from './keys.js';

interface Grant {
  id: string;
  amount: number;
  fee: number;
  note: string | null;
  created_at: string;
}
interface Member {
  id: string;
  name: string;
  email: string | null;
  limit: number | null;
  limit_reset: string | null;
  usage: number;
  usage_daily: number;
  usage_weekly: number;
  usage_monthly: number;
}

interface Holds {
  workspace_held: number;
  keys: Array<{ hash: string; name: string; label: string; held: number }>;
}

export function CreditsPage() {
  const credits = useApi<{ data: { total_credits: number; total_usage: number } }>('/credits');
  const holds = useApi<{ data: Holds }>('/dashboard/holds');
  const grants = useApi<{ data: Grant[] }>('/credits/grants');
  const members = useApi<{ data: Member[] }>('/workspaces/default/members');
  const [failure, setFailure] = useState<string>();
  const add = async (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    setFailure(undefined);
    try {
      await api('/credits', { method: 'POST', body: { amount: Number(data.get('amount')), note: String(data.get('note') ?? '') || null } });
      form.reset();
      credits.reload();
      grants.reload();
    } catch (err) {
      setFailure(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <Page title="Credits & budgets" subtitle="The workspace balance, what was added, and each member's budget.">
      <Loaded loading={credits.loading} error={credits.error}>
        {() => {
          const { total_credits: total, total_usage: used } = credits.data!.data;
          const held = holds.data?.data.workspace_held;
          return (
            <div class="kpis">
              <Kpi label="Balance" value={usd(total - used)} hint={held && total > 0 ? `${usd(total - used - held)} available after holds` : undefined} />
              <Kpi label="Credits added" value={usd(total)} />
              <Kpi label="Used" value={usd(used)} />
              <Kpi testid="held-in-flight" label="Held in flight" value={usd(held ?? 0)} hint="reserved by requests running now" />
            </div>
          );
        }}
      </Loaded>
      <div class="grid-2">
        <Card title="Grants">
          <form class="inline-form" onSubmit={add}>
            <input name="amount" type="number" min="0.01" step="0.01" placeholder="Amount (USD)" required />
            <input name="note" placeholder="Note (optional)" maxLength={500} />
            <button class="primary" type="submit">
              Add credits
            </button>
          </form>
          {failure && <div class="notice error" role="alert">{failure}</div>}
          <Loaded loading={grants.loading} error={grants.error}>
            {() => (
              <table class="table">
                <thead>
                  <tr>
                    <th>When</th>
                    <th class="num">Amount</th>
                    <th class="num">Fee</th>
                    <th>Note</th>
                  </tr>
                </thead>
                <tbody>
                  {grants.data!.data.map((grant) => (
                    <tr key={grant.id}>
                      <td class="small">{when(grant.created_at)}</td>
                      <td class="num">{usd(grant.amount)}</td>
                      <td class="num">{usd(grant.fee)}</td>
                      <td>{grant.note ?? ''}</td>
                    </tr>
                  ))}
                  {grants.data!.data.length === 0 && (
                    <tr>
                      <td colSpan={4} class="muted">
                        No credits added: spend is not capped by a balance.
                      </td>
                    </tr>
                  )}
                </tbody>
              </table>
            )}
          </Loaded>
        </Card>
        <Card title="Held by requests in flight" actions={<button class="ghost" onClick={holds.reload}>Refresh</button>}>
          <Loaded loading={holds.loading && !holds.data} error={holds.error}>
            {() => (
              <table class="table" data-testid="holds">
                <thead>
                  <tr>
                    <th>Key</th>
                    <th class="num">Held</th>
                  </tr>
                </thead>
                <tbody>
                  {holds.data!.data.keys.map((key) => (
                    <tr key={key.hash} data-held-key={key.name}>
                      <td>
                        {key.name} <code class="small">{key.label}</code>
                      </td>
                      <td class="num">{usd(key.held)}</td>
                    </tr>
                  ))}
                  {holds.data!.data.keys.length === 0 && (
                    <tr>
                      <td colSpan={2} class="muted">
                        Nothing held: no capped request is running.
                      </td>
                    </tr>
                  )}
                </tbody>
              </table>
            )}
          </Loaded>
        </Card>
        <Card title="Member budgets">
          <Loaded loading={members.loading} error={members.error}>
            {() => (
              <table class="table">
                <thead>
                  <tr>
                    <th>Member</th>
                    <th>Usage / budget</th>
                    <th>Reset</th>
                  </tr>
                </thead>
                <tbody>
                  {members.data!.data.map((member) => (
                    <tr key={member.id}>
                      <td>
                        {member.name}
                        <div class="muted small">{member.email ?? member.id}</div>
                      </td>
                      <td>
                        <UsageBar
                          used={member.limit_reset === 'daily' ? member.usage_daily : member.limit_reset === 'weekly' ? member.usage_weekly : member.limit_reset === 'monthly' ? member.usage_monthly : member.usage}
                          limit={member.limit}
                        />
                      </td>
                      <td>{member.limit_reset ?? 'never'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </Loaded>
        </Card>
      </div>
    </Page>
  );
}
