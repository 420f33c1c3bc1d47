import { useState } from 'preact/hooks';
import { Card, Empty, Loaded, Page } from '../components/page.js';
import { shortHash, when } from '../format.js';
import { useApi } from '../use-api.js';

interface AuditEntry {
  id: string;
  created_at: string;
  workspace_id: string;
  action: string;
  target_id: string | null;
  actor: { key_hash: string; name: string; ip: string | null };
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

const ACTIONS = ['', 'dashboard.sign_in', 'key.create', 'key.update', 'key.delete', 'credits.add', 'workspace.create', 'member.create', 'member.update', 'byok.create', 'byok.update', 'byok.delete', 'privacy.update', 'guardrail.create', 'guardrail.update', 'guardrail.delete'];

export function AuditPage() {
  const [action, setAction] = useState('');
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);
  const query = new URLSearchParams({ limit: '25', ...(action ? { action } : {}), ...(cursor ? { cursor } : {}) });
  const { data, error, loading } = useApi<{ data: AuditEntry[]; next_cursor: string | null }>(`/audit?${query}`);
  return (
    <Page title="Audit log" subtitle="Every change made through the management API or the dashboard, and every sign-in. Append-only; secrets are never recorded.">
      <Card
        actions={
          <div class="filters">
            <label>
              Action{' '}
              <select
                value={action}
                onChange={(event) => {
                  setAction((event.currentTarget as HTMLSelectElement).value);
                  setCursors([]);
                }}
              >
                {ACTIONS.map((name) => (
                  <option key={name} value={name}>
                    {name || 'all actions'}
                  </option>
                ))}
              </select>
            </label>
          </div>
        }
      >
        <Loaded loading={loading} error={error}>
          {() =>
            data!.data.length === 0 ? (
              <Empty>No entries{action ? ` for ${action}` : ''}.</Empty>
            ) : (
              <table class="table" data-testid="audit-table">
                <thead>
                  <tr>
                    <th>When</th>
                    <th>Action</th>
                    <th>Who</th>
                    <th>Target</th>
                    <th>Change</th>
                  </tr>
                </thead>
                <tbody>
                  {data!.data.map((entry) => (
                    <tr key={entry.id} data-action={entry.action}>
                      <td class="small nowrap">{when(entry.created_at)}</td>
                      <td>
                        <code class="action">{entry.action}</code>
                        <div class="muted small">{entry.workspace_id}</div>
                      </td>
                      <td>
                        {entry.actor.name}
                        <div class="muted small">
                          {shortHash(entry.actor.key_hash)} · {entry.actor.ip ?? 'unknown IP'}
                        </div>
                      </td>
                      <td class="small">
                        <code>{entry.target_id ? (entry.target_id.length > 24 ? shortHash(entry.target_id) : entry.target_id) : '—'}</code>
                      </td>
                      <td>
                        <Change before={entry.before} after={entry.after} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        </Loaded>
        <div class="pager">
          <button class="ghost" disabled={cursors.length === 0} onClick={() => setCursors(cursors.slice(0, -1))}>
            ← Newer
          </button>
          <button class="ghost" disabled={!data?.next_cursor} onClick={() => data?.next_cursor && setCursors([...cursors, data.next_cursor])}>
            Older →
          </button>
        </div>
      </Card>
    </Page>
  );
}

function Change(props: { before: Record<string, unknown> | null; after: Record<string, unknown> | null }) {
  const fields = [...new Set([...Object.keys(props.before ?? {}), ...Object.keys(props.after ?? {})])].slice(0, 6);
  if (fields.length === 0) return <span class="muted">—</span>;
  return (
    <dl class="change">
      {fields.map((field) => (
        <div key={field}>
          <dt>{field}</dt>
          <dd>
            {props.before && field in props.before && <span class="was">{show(props.before[field])}</span>}
            {props.before && props.after && ' → '}
            {props.after && field in props.after && <span class="now">{show(props.after[field])}</span>}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function show(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
