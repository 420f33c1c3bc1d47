import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { Dialog } from '../components/dialog.js';
import { Badge, Card, Empty, Loaded, Page } from '../components/page.js';
import { count, usd, when } from '../format.js';
import { useApi } from '../use-api.js';
import type { KeyObject } from './keys.js';

interface Generation {
  id: string;
  created_at: string;
  model: string;
  provider_name: string | null;
  key_hash: string;
  key_name: string | null;
  workspace_id: string;
  status: number;
  streamed: boolean;
  cancelled: boolean;
  finish_reason: string | null;
  latency: number | null;
  generation_time: number | null;
  tokens_prompt: number;
  tokens_completion: number;
  native_tokens_reasoning: number;
  native_tokens_cached: number;
  total_cost: number;
  cache_discount: number | null;
  upstream_inference_cost: number | null;
  is_byok: boolean;
  response_cache_source_id: string | null;
  provider_responses: Array<{ provider_name: string; model_permaslug: string; status: number; latency: number; is_byok: boolean }>;
}

interface Filters {
  key_hash: string;
  model: string;
  provider: string;
  outcome: string;
  since: string;
}

const NO_FILTERS: Filters = { key_hash: '', model: '', provider: '', outcome: '', since: '' };

export function GenerationsPage() {
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [cursors, setCursors] = useState<string[]>([]);
  const [open, setOpen] = useState<Generation>();
  const keys = useApi<{ data: KeyObject[] }>('/keys?include_disabled=true');
  const cursor = cursors.at(-1);
  const params = new URLSearchParams({ limit: '25' });
  for (const [name, value] of Object.entries(filters)) if (value) params.set(name, name === 'since' ? new Date(value).toISOString() : value);
  if (cursor) params.set('cursor', cursor);
  const { data, error, loading } = useApi<{ data: Generation[]; next_cursor: string | null }>(`/dashboard/generations?${params}`);
  const set = (name: keyof Filters) => (event: Event) => {
    setFilters({ ...filters, [name]: (event.currentTarget as HTMLInputElement).value });
    setCursors([]);
  };
  return (
    <Page title="Generations" subtitle="Every request: who sent it, where it went, what it cost. Prompts and completions appear only where logging was opted in.">
      <Card
        actions={
          <form class="filters" onSubmit={(event) => event.preventDefault()}>
            <label>
              Key
              <select value={filters.key_hash} onChange={set('key_hash')}>
                <option value="">all keys</option>
                {(keys.data?.data ?? []).map((key) => (
                  <option key={key.hash} value={key.hash}>
                    {key.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Model
              <input value={filters.model} onChange={set('model')} placeholder="e.g. openai/gpt-4o" size={16} />
            </label>
            <label>
              Provider
              <input value={filters.provider} onChange={set('provider')} placeholder="e.g. OpenAI" size={10} />
            </label>
            <label>
              Outcome
              <select value={filters.outcome} onChange={set('outcome')}>
                <option value="">all</option>
                <option value="ok">ok</option>
                <option value="error">errors</option>
              </select>
            </label>
            <label>
              Since
              <input type="date" value={filters.since} onChange={set('since')} />
            </label>
          </form>
        }
      >
        <Loaded loading={loading} error={error}>
          {() =>
            data!.data.length === 0 ? (
              <Empty>No generations match.</Empty>
            ) : (
              <table class="table" data-testid="generations-table">
                <thead>
                  <tr>
                    <th>When</th>
                    <th>Model</th>
                    <th>Provider</th>
                    <th>Key</th>
                    <th class="num">Tokens</th>
                    <th class="num">Cost</th>
                    <th class="num">Latency</th>
                    <th>Status</th>
                  </tr>
                </thead>
                <tbody>
                  {data!.data.map((generation) => (
                    <tr key={generation.id} class="clickable" data-generation-id={generation.id} onClick={() => setOpen(generation)}>
                      <td class="small nowrap">{when(generation.created_at)}</td>
                      <td>{generation.model}</td>
                      <td>{generation.provider_name ?? '—'}</td>
                      <td>{generation.key_name ?? <code>{generation.key_hash.slice(0, 8)}</code>}</td>
                      <td class="num">
                        {count(generation.tokens_prompt)} → {count(generation.tokens_completion)}
                      </td>
                      <td class="num">{usd(generation.total_cost)}</td>
                      <td class="num">{generation.latency === null ? '—' : `${Math.round(generation.latency)} ms`}</td>
                      <td>
                        <Status generation={generation} />
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
      {open && <GenerationDetail generation={open} onClose={() => setOpen(undefined)} />}
    </Page>
  );
}

function Status(props: { generation: Generation }) {
  const g = props.generation;
  if (g.response_cache_source_id) return <Badge tone="neutral">cache hit</Badge>;
  if (g.cancelled) return <Badge tone="warn">cancelled</Badge>;
  return g.status === 200 ? <Badge tone="good">{g.finish_reason ?? 'ok'}</Badge> : <Badge tone="bad">{g.status}</Badge>;
}

function GenerationDetail(props: { generation: Generation; onClose: () => void }) {
  const g = props.generation;
  const [content, setContent] = useState<string>();
  const showContent = async () => {
    try {
      const result = await api<{ data: { input: unknown; output: unknown } }>(`/generation/content?id=${encodeURIComponent(g.id)}`);
      setContent(JSON.stringify(result.data, null, 2));
    } catch (err) {
      setContent(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <Dialog title={`Generation ${g.id}`} onClose={props.onClose} wide>
      <div class="detail-scroll">
        <h3>Cost</h3>
        <dl class="detail">
          <dt>Charged</dt>
          <dd data-testid="detail-cost">{usd(g.total_cost, 8)}</dd>
          <dt>Upstream cost</dt>
          <dd>{usd(g.upstream_inference_cost, 8)}</dd>
          <dt>Cache discount</dt>
          <dd>{usd(g.cache_discount, 8)}</dd>
          <dt>Tokens</dt>
          <dd>
            {count(g.tokens_prompt)} prompt ({count(g.native_tokens_cached)} cached) · {count(g.tokens_completion)} completion ({count(g.native_tokens_reasoning)} reasoning)
          </dd>
          <dt>Own key (BYOK)</dt>
          <dd>{g.is_byok ? 'yes' : 'no'}</dd>
        </dl>
        <h3>Routing</h3>
        <ol class="attempts">
          {g.provider_responses.map((attempt, index) => (
            <li key={index}>
              <strong>{attempt.provider_name}</strong> <code>{attempt.model_permaslug}</code> → {attempt.status === 200 ? <Badge tone="good">200</Badge> : <Badge tone="bad">{attempt.status}</Badge>}{' '}
              <span class="muted">{Math.round(attempt.latency)} ms{attempt.is_byok ? ' · BYOK' : ''}</span>
            </li>
          ))}
          {g.provider_responses.length === 0 && <li class="muted">No provider was called{g.response_cache_source_id ? ` (cache hit of ${g.response_cache_source_id})` : ''}.</li>}
        </ol>
        <h3>Request</h3>
        <dl class="detail">
          <dt>When</dt>
          <dd>{when(g.created_at)}</dd>
          <dt>Key</dt>
          <dd>{g.key_name ?? g.key_hash}</dd>
          <dt>Workspace</dt>
          <dd>{g.workspace_id}</dd>
          <dt>Streamed</dt>
          <dd>{g.streamed ? 'yes' : 'no'}</dd>
          <dt>Finish</dt>
          <dd>{g.finish_reason ?? '—'}</dd>
          <dt>Latency / generation</dt>
          <dd>
            {g.latency === null ? '—' : `${Math.round(g.latency)} ms`} / {g.generation_time === null ? '—' : `${Math.round(g.generation_time)} ms`}
          </dd>
        </dl>
        <h3>Content</h3>
        {content === undefined ? (
          <button class="ghost" onClick={() => void showContent()}>
            Show prompt and completion (if logging was on)
          </button>
        ) : (
          <pre class="content">{content}</pre>
        )}
      </div>
    </Dialog>
  );
}
