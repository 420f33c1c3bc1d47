import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { Dialog } from '../components/dialog.js';
import { Badge, Card, Loaded, Page } from '../components/page.js';
import { usd, when } from '../format.js';
import { useApi } from '../use-api.js';

export interface KeyObject {
  hash: string;
  name: string;
  label: string;
  disabled: boolean;
  limit: number | null;
  limit_remaining: number | null;
  limit_reset: 'daily' | 'weekly' | 'monthly' | null;
  usage: number;
  usage_daily: number;
  usage_weekly: number;
  usage_monthly: number;
  created_at: string;
  expires_at: string | null;
  workspace_id: string;
  rate_limits: { requests_per_minute: number | null; tokens_per_minute: number | null; concurrent_requests: number | null };
}

/** Spend counted against the key's limit: the current reset period's, or all-time. */
export function periodUsage(key: KeyObject): number {
  if (key.limit_reset === 'daily') return key.usage_daily;
  if (key.limit_reset === 'weekly') return key.usage_weekly;
  if (key.limit_reset === 'monthly') return key.usage_monthly;
  return key.usage;
}

export function KeysPage() {
  const { data, error, loading, reload } = useApi<{ data: KeyObject[] }>('/keys?include_disabled=true');
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ key: string; name: string }>();
  const [editing, setEditing] = useState<KeyObject>();
  const [deleting, setDeleting] = useState<KeyObject>();
  const [failure, setFailure] = useState<string>();
  const act = async (work: () => Promise<unknown>) => {
    setFailure(undefined);
    try {
      await work();
      reload();
    } catch (err) {
      setFailure(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <Page
      title="API keys"
      subtitle="Keys that call the model APIs. Only a hash is stored: a key's secret is shown once, when it is created."
      actions={
        <button class="primary" onClick={() => setCreating(true)}>
          Create key
        </button>
      }
    >
      {failure && <div class="notice error" role="alert">{failure}</div>}
      {created && (
        <div class="notice success secret-once" role="status">
          <div>
            <strong>Key “{created.name}” created.</strong> Copy it now: it will not be shown again.
          </div>
          <code data-testid="new-key-secret">{created.key}</code>
          <div class="row">
            <button onClick={() => void navigator.clipboard?.writeText(created.key)}>Copy</button>
            <button class="ghost" onClick={() => setCreated(undefined)}>
              Done
            </button>
          </div>
        </div>
      )}
      <Card>
        <Loaded loading={loading} error={error}>
          {() => (
            <table class="table" data-testid="keys-table">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Key</th>
                  <th>Usage / limit</th>
                  <th>Reset</th>
                  <th>Status</th>
                  <th>Created</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {data!.data.map((key) => (
                  <tr key={key.hash} data-key-name={key.name}>
                    <td>
                      <strong>{key.name}</strong>
                      <div class="muted small">{key.workspace_id}</div>
                    </td>
                    <td>
                      <code>{key.label}</code>
                    </td>
                    <td>
                      <UsageBar used={periodUsage(key)} limit={key.limit} />
                    </td>
                    <td>{key.limit_reset ?? 'never'}</td>
                    <td>{key.disabled ? <Badge tone="neutral">disabled</Badge> : <Badge tone="good">active</Badge>}</td>
                    <td class="small">{when(key.created_at)}</td>
                    <td class="actions">
                      <button class="ghost" onClick={() => setEditing(key)}>
                        Edit
                      </button>
                      <button class="ghost" onClick={() => void act(() => api(`/keys/${key.hash}`, { method: 'PATCH', body: { disabled: !key.disabled } }))}>
                        {key.disabled ? 'Enable' : 'Disable'}
                      </button>
                      <button class="ghost danger" onClick={() => setDeleting(key)}>
                        Delete
                      </button>
                    </td>
                  </tr>
                ))}
                {data!.data.length === 0 && (
                  <tr>
                    <td colSpan={7} class="muted">
                      No API keys yet.
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          )}
        </Loaded>
      </Card>
      {creating && (
        <KeyForm
          title="Create API key"
          onClose={() => setCreating(false)}
          onSubmit={async (body) => {
            const result = await api<{ key: string; data: KeyObject }>('/keys', { method: 'POST', body });
            setCreating(false);
            setCreated({ key: result.key, name: result.data.name });
            reload();
          }}
        />
      )}
      {editing && (
        <KeyForm
          title={`Edit “${editing.name}”`}
          initial={editing}
          onClose={() => setEditing(undefined)}
          onSubmit={async (body) => {
            await api(`/keys/${editing.hash}`, { method: 'PATCH', body });
            setEditing(undefined);
            reload();
          }}
        />
      )}
      {deleting && (
        <Dialog title="Delete key" onClose={() => setDeleting(undefined)}>
          <p>
            Delete <strong>{deleting.name}</strong> (<code>{deleting.label}</code>)? Requests with it fail at once. Its usage stays in the
            reports.
          </p>
          <div class="dialog-actions">
            <button class="ghost" onClick={() => setDeleting(undefined)}>
              Cancel
            </button>
            <button
              class="danger"
              onClick={() =>
                void act(async () => {
                  await api(`/keys/${deleting.hash}`, { method: 'DELETE' });
                  setDeleting(undefined);
                })
              }
            >
              Delete key
            </button>
          </div>
        </Dialog>
      )}
    </Page>
  );
}

export function UsageBar(props: { used: number; limit: number | null }) {
  if (props.limit === null) return <span>{usd(props.used)} <span class="muted">/ no limit</span></span>;
  const share = props.limit === 0 ? 1 : Math.min(1, props.used / props.limit);
  const tone = share >= 1 ? 'bad' : share >= 0.8 ? 'warn' : 'good';
  return (
    <div class="usage">
      <div>
        {usd(props.used)} <span class="muted">/ {usd(props.limit)}</span>
      </div>
      <div class="bar">
        <div class={`fill ${tone}`} style={{ width: `${Math.round(share * 100)}%` }} />
      </div>
    </div>
  );
}

function KeyForm(props: { title: string; initial?: KeyObject; onClose: () => void; onSubmit: (body: Record<string, unknown>) => Promise<void> }) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const initial = props.initial;
  const submit = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const optionalNumber = (name: string) => (text(name) === '' ? null : Number(text(name)));
    const body: Record<string, unknown> = {
      name: text('name'),
      limit: optionalNumber('limit'),
      limit_reset: text('limit_reset') || null,
      rate_limits: { requests_per_minute: optionalNumber('rpm'), tokens_per_minute: optionalNumber('tpm') },
    };
    setBusy(true);
    setError(undefined);
    try {
      await props.onSubmit(body);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title={props.title} onClose={props.onClose}>
      <form class="form" onSubmit={submit}>
        <label>
          Name
          <input name="name" required maxLength={200} value={initial?.name ?? ''} placeholder="e.g. production backend" />
        </label>
        <div class="row">
          <label>
            Spending limit (USD)
            <input name="limit" type="number" min="0" step="0.01" value={initial?.limit ?? ''} placeholder="no limit" />
          </label>
          <label>
            Resets
            <select name="limit_reset" value={initial?.limit_reset ?? ''}>
              <option value="">never</option>
              <option value="daily">daily</option>
              <option value="weekly">weekly</option>
              <option value="monthly">monthly</option>
            </select>
          </label>
        </div>
        <div class="row">
          <label>
            Requests / minute
            <input name="rpm" type="number" min="0" step="1" value={initial?.rate_limits.requests_per_minute ?? ''} placeholder="default" />
          </label>
          <label>
            Tokens / minute
            <input name="tpm" type="number" min="0" step="1" value={initial?.rate_limits.tokens_per_minute ?? ''} placeholder="default" />
          </label>
        </div>
        {error && <div class="notice error" role="alert">{error}</div>}
        <div class="dialog-actions">
          <button type="button" class="ghost" onClick={props.onClose}>
            Cancel
          </button>
          <button class="primary" type="submit" disabled={busy}>
            {initial ? 'Save' : 'Create key'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
