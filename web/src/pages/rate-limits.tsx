import { useMemo } from 'preact/hooks';
import { CountChart } from '../components/count-chart.js';
import { Card, Kpi, Loaded, Page } from '../components/page.js';
import { count } from '../format.js';
import { useApi } from '../use-api.js';

type LimitName = 'requests_per_minute' | 'tokens_per_minute' | 'concurrent_requests';
interface Limit {
  limit: number;
  used: number;
}
interface RateLimitsView {
  bucket_ms: number;
  since: string;
  keys: Array<{ hash: string; name: string; label: string; disabled: boolean; rate_limited_24h: number } & Record<LimitName, Limit>>;
  refusals: Array<{ bucket_start: string; key_hash: string; limit: LimitName; count: number }>;
}

const LIMITS: Array<[LimitName, string]> = [
  ['requests_per_minute', 'Requests / min'],
  ['tokens_per_minute', 'Tokens / min'],
  ['concurrent_requests', 'Concurrent'],
];
const HOUR_MS = 3_600_000;

export function RateLimitsPage() {
  const { data, error, loading, reload } = useApi<{ data: RateLimitsView }>('/dashboard/rate-limits');
  const hourly = useMemo(() => (data ? byHour(data.data) : undefined), [data]);
  return (
    <Page
      title="Rate limits"
      subtitle="Each key's limits with what it uses right now (from the live rate-limit store, shared by every node with Redis), and the 429s they caused. Edit limits on the API keys page."
      actions={<button onClick={reload}>Refresh</button>}
    >
      <Loaded loading={loading && !data} error={error}>
        {() => (
          <>
            <div class="kpis">
              <Kpi testid="rate-limited-24h" label="429s, last 24 h" value={count(hourly!.total)} />
              <Kpi label="Keys limited" value={count(data!.data.keys.filter((key) => LIMITS.some(([name]) => key[name].limit > 0)).length)} hint={`of ${data!.data.keys.length}`} />
              <Kpi label="Keys refused, 24 h" value={count(data!.data.keys.filter((key) => key.rate_limited_24h > 0).length)} />
            </div>
            <Card title="429s per hour, last 24 h">
              <CountChart testid="refusals-chart" title="Rate-limited requests per hour" labels={hourly!.labels} series={hourly!.series} />
            </Card>
            <Card title="Keys">
              <table class="table">
                <thead>
                  <tr>
                    <th>Key</th>
                    {LIMITS.map(([, label]) => (
                      <th key={label}>{label}</th>
                    ))}
                    <th class="num">429s, 24 h</th>
                  </tr>
                </thead>
                <tbody>
                  {data!.data.keys.map((key) => (
                    <tr key={key.hash} data-limit-key={key.name}>
                      <td>
                        {key.name} <code class="small">{key.label}</code>
                      </td>
                      {LIMITS.map(([name]) => (
                        <td key={name} data-limit={name}>
                          <LimitBar {...key[name]} />
                        </td>
                      ))}
                      <td class="num">{count(key.rate_limited_24h)}</td>
                    </tr>
                  ))}
                  {data!.data.keys.length === 0 && (
                    <tr>
                      <td colSpan={5} class="muted">
                        No API keys yet.
                      </td>
                    </tr>
                  )}
                </tbody>
              </table>
            </Card>
          </>
        )}
      </Loaded>
    </Page>
  );
}

function LimitBar(props: Limit) {
  if (props.limit === 0) return <span class="muted">no limit{props.used > 0 ? ` · ${count(props.used)} now` : ''}</span>;
  const share = Math.min(1, props.used / props.limit);
  const tone = share >= 1 ? 'bad' : share >= 0.8 ? 'warn' : 'good';
  return (
    <div class="usage">
      <div>
        {count(props.used)} <span class="muted">/ {count(props.limit)}</span>
      </div>
      <div class="bar">
        <div class={`fill ${tone}`} style={{ width: `${Math.round(share * 100)}%` }} />
      </div>
    </div>
  );
}

/** The 5-minute refusal buckets summed per UTC hour over the last 24 h, one series per limit. */
function byHour(view: RateLimitsView) {
  const first = Math.floor(Date.parse(view.since) / HOUR_MS) * HOUR_MS;
  const hours = Array.from({ length: 25 }, (_, index) => first + index * HOUR_MS);
  const labels = hours.map((hour) => new Date(hour).toISOString().slice(11, 16));
  let total = 0;
  const series = LIMITS.map(([name, label]) => {
    const values = hours.map(() => 0);
    for (const row of view.refusals) {
      if (row.limit !== name) continue;
      const index = Math.floor((Date.parse(row.bucket_start) - first) / HOUR_MS);
      if (index >= 0 && index < values.length) values[index]! += row.count;
      total += row.count;
    }
    return { label, values };
  });
  return { labels, series, total };
}
