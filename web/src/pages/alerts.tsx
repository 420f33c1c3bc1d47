import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { AlertRuleForm, describeRule, RULE_TYPES, type AlertRule } from '../components/alert-rule-form.js';
import { Dialog } from '../components/dialog.js';
import { Badge, Card, Loaded, Page } from '../components/page.js';
import { when } from '../format.js';
import { useApi } from '../use-api.js';

interface AlertEvent {
  id: string;
  rule_id: string;
  type: string;
  summary: string;
  fired_at: string;
}

interface Delivery {
  id: string;
  event_id: string;
  url: string;
  attempt: number;
  at: string;
  status: number | null;
  error: string | null;
  delivered: boolean;
}

const typeLabel = (type: string) => RULE_TYPES.find((option) => option.value === type)?.label ?? type;

export function AlertsPage() {
  const rules = useApi<{ data: AlertRule[] }>('/alerts/rules');
  const events = useApi<{ data: AlertEvent[] }>('/alerts/events?limit=50');
  const deliveries = useApi<{ data: Delivery[] }>('/alerts/deliveries?limit=50');
  const keys = useApi<{ data: Array<{ hash: string; name: string }> }>('/keys');
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<AlertRule>();
  const [deleting, setDeleting] = useState<AlertRule>();
  const [secret, setSecret] = useState<{ name: string; secret: string }>();
  const [failure, setFailure] = useState<string>();
  const keyName = (hash: string) => keys.data?.data.find((key) => key.hash === hash)?.name ?? `${hash.slice(0, 8)}…`;
  const ruleName = (id: string) => rules.data?.data.find((rule) => rule.id === id)?.name ?? 'deleted rule';
  const reloadAll = () => {
    rules.reload();
    events.reload();
    deliveries.reload();
  };
  const act = async (work: () => Promise<unknown>) => {
    setFailure(undefined);
    try {
      await work();
      reloadAll();
    } catch (err) {
      setFailure(err instanceof Error ? err.message : String(err));
    }
  };
  const saved = (result: { data: AlertRule; webhook_secret?: string }) => {
    if (result.webhook_secret) setSecret({ name: result.data.name, secret: result.webhook_secret });
    reloadAll();
  };
  return (
    <Page
      title="Alerts"
      subtitle="Rules that fire once per crossing, by webhook (signed) and here. Rules are evaluated every few seconds; “Check now” runs them at once."
      actions={
        <>
          <button onClick={() => void act(() => api('/alerts/evaluate', { method: 'POST' }))}>Check now</button>
          <button class="primary" onClick={() => setCreating(true)}>
            New rule
          </button>
        </>
      }
    >
      {failure && <div class="notice error" role="alert">{failure}</div>}
      {secret && (
        <div class="notice success secret-once" role="status">
          <div>
            <strong>Webhook secret for “{secret.name}”.</strong> Verify each delivery's <code>X-Switchyard-Signature</code> with it; it is not shown again.
          </div>
          <code data-testid="webhook-secret">{secret.secret}</code>
          <div class="row">
            <button class="ghost" onClick={() => setSecret(undefined)}>
              Done
            </button>
          </div>
        </div>
      )}
      <Card title="Rules">
        <Loaded loading={rules.loading && !rules.data} error={rules.error}>
          {() => (
            <table class="table">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Watches</th>
                  <th>Settings</th>
                  <th>Webhook</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {rules.data!.data.map((rule) => (
                  <tr key={rule.id} data-rule-name={rule.name}>
                    <td>
                      <strong>{rule.name}</strong>
                      <div class="muted small">{when(rule.created_at)}</div>
                    </td>
                    <td>{typeLabel(rule.type)}</td>
                    <td class="small">{describeRule(rule, keyName)}</td>
                    <td class="small">{rule.webhook_url ? <code>{rule.webhook_url}</code> : <span class="muted">none</span>}</td>
                    <td class="actions">
                      <button class="ghost" onClick={() => setEditing(rule)}>
                        Edit
                      </button>
                      <button class="ghost danger" onClick={() => setDeleting(rule)}>
                        Delete
                      </button>
                    </td>
                  </tr>
                ))}
                {rules.data!.data.length === 0 && (
                  <tr>
                    <td colSpan={5} class="muted">
                      No rules yet. “New rule” watches budgets, spend and error spikes, or provider outages.
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          )}
        </Loaded>
      </Card>
      <Card title="Recent alerts">
        <Loaded loading={events.loading && !events.data} error={events.error}>
          {() => (
            <table class="table" data-testid="alert-events">
              <thead>
                <tr>
                  <th>Fired</th>
                  <th>Rule</th>
                  <th>What happened</th>
                </tr>
              </thead>
              <tbody>
                {events.data!.data.map((event) => (
                  <tr key={event.id} data-event-rule={ruleName(event.rule_id)}>
                    <td class="small nowrap">{when(event.fired_at)}</td>
                    <td>
                      {ruleName(event.rule_id)} <Badge tone="warn">{typeLabel(event.type)}</Badge>
                    </td>
                    <td>{event.summary}</td>
                  </tr>
                ))}
                {events.data!.data.length === 0 && (
                  <tr>
                    <td colSpan={3} class="muted">
                      Nothing has fired.
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          )}
        </Loaded>
      </Card>
      <Card title="Webhook deliveries">
        <Loaded loading={deliveries.loading && !deliveries.data} error={deliveries.error}>
          {() => (
            <table class="table" data-testid="alert-deliveries">
              <thead>
                <tr>
                  <th>When</th>
                  <th>Alert</th>
                  <th>URL</th>
                  <th class="num">Attempt</th>
                  <th>Result</th>
                </tr>
              </thead>
              <tbody>
                {deliveries.data!.data.map((delivery) => (
                  <tr key={delivery.id} data-delivery-attempt={delivery.attempt}>
                    <td class="small nowrap">{when(delivery.at)}</td>
                    <td class="small">{events.data?.data.find((event) => event.id === delivery.event_id)?.summary ?? delivery.event_id}</td>
                    <td class="small">
                      <code>{delivery.url}</code>
                    </td>
                    <td class="num">{delivery.attempt}</td>
                    <td>
                      <Badge tone={delivery.delivered ? 'good' : 'bad'}>{delivery.status ?? 'no answer'}</Badge>
                      {delivery.error && <div class="muted small">{delivery.error}</div>}
                    </td>
                  </tr>
                ))}
                {deliveries.data!.data.length === 0 && (
                  <tr>
                    <td colSpan={5} class="muted">
                      No webhook deliveries yet.
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          )}
        </Loaded>
      </Card>
      {(creating || editing) && (
        <AlertRuleForm
          title={editing ? `Edit “${editing.name}”` : 'New alert rule'}
          initial={editing}
          keys={keys.data?.data ?? []}
          onClose={() => (setCreating(false), setEditing(undefined))}
          onSubmit={async (body) => {
            const result = editing
              ? await api<{ data: AlertRule; webhook_secret?: string }>(`/alerts/rules/${editing.id}`, { method: 'PATCH', body })
              : await api<{ data: AlertRule; webhook_secret?: string }>('/alerts/rules', { method: 'POST', body });
            setCreating(false);
            setEditing(undefined);
            saved(result);
          }}
        />
      )}
      {deleting && (
        <Dialog title="Delete rule" onClose={() => setDeleting(undefined)}>
          <p>
            Delete <strong>{deleting.name}</strong>? It stops firing; alerts it already fired stay in the list.
          </p>
          <div class="dialog-actions">
            <button class="ghost" onClick={() => setDeleting(undefined)}>
              Cancel
            </button>
            <button class="danger" onClick={() => void act(async () => (await api(`/alerts/rules/${deleting.id}`, { method: 'DELETE' }), setDeleting(undefined)))}>
              Delete rule
            </button>
          </div>
        </Dialog>
      )}
    </Page>
  );
}
