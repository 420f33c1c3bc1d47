import { useMemo, useState } from 'preact/hooks';
import { Card, Kpi, Loaded, Page } from '../components/page.js';
import { SpendChart, type SpendSeries } from '../components/spend-chart.js';
import { count, percent, usd } from '../format.js';
import { useApi } from '../use-api.js';

interface ActivityRow {
  date: string;
  model: string;
  provider_name: string;
  usage: number;
  requests: number;
  prompt_tokens: number;
  completion_tokens: number;
  reasoning_tokens: number;
  error_requests?: number;
  cache_hits?: number;
  cached_tokens?: number;
  cache_savings?: number;
}

interface Overview {
  data: {
    days: string[];
    activity: ActivityRow[];
  };
}

const TOP = 8;

export function OverviewPage() {
  const { data, error, loading } = useApi<Overview>('/dashboard/overview');
  const [groupBy, setGroupBy] = useState<'model' | 'provider_name'>('model');
  const view = useMemo(() => (data ? summarize(data.data.days, data.data.activity, groupBy) : undefined), [data, groupBy]);
  return (
    <Page title="Overview" subtitle="Spend and traffic across every key, from the daily rollups (UTC days).">
      <Loaded loading={loading} error={error}>
        {() =>
          view && (
            <>
              <div class="kpis four">
                <Kpi testid="spend-today" label="Spend today" value={usd(view.today)} />
                <Kpi label="Spend 7 d" value={usd(view.week)} />
                <Kpi label="Spend 30 d" value={usd(view.month)} />
                <Kpi testid="requests-30d" label="Requests 30 d" value={count(view.requests)} hint={`${count(view.requestsToday)} today`} />
                <Kpi label="Tokens 30 d" value={count(view.tokens)} hint={`${count(view.promptTokens)} in · ${count(view.completionTokens)} out`} />
                <Kpi testid="error-rate" label="Error rate 30 d" value={percent(view.requests ? view.errors / view.requests : 0)} hint={`${count(view.errors)} failed of ${count(view.requests)}`} />
                <Kpi testid="cache-hits" label="Cache hits 30 d" value={count(view.cacheHits)} hint={`${percent(view.requests ? view.cacheHits / view.requests : 0)} of requests · ${count(view.cachedTokens)} tokens prompt-cached`} />
                <Kpi testid="cache-savings" label="Cache savings 30 d" value={usd(view.cacheSavings)} hint="cache hits + prompt caching" />
              </div>
              <Card
                title="Daily spend"
                actions={
                  <div class="segmented" role="group" aria-label="Stack by">
                    <button class={groupBy === 'model' ? 'active' : ''} onClick={() => setGroupBy('model')}>
                      By model
                    </button>
                    <button class={groupBy === 'provider_name' ? 'active' : ''} onClick={() => setGroupBy('provider_name')}>
                      By provider
                    </button>
                  </div>
                }
              >
                <SpendChart days={view.days} series={view.series} />
              </Card>
              <Card title={groupBy === 'model' ? 'Top models, 30 days' : 'Top providers, 30 days'}>
                <table class="table">
                  <thead>
                    <tr>
                      <th>{groupBy === 'model' ? 'Model' : 'Provider'}</th>
                      <th class="num">Requests</th>
                      <th class="num">Tokens</th>
                      <th class="num">Spend</th>
                    </tr>
                  </thead>
                  <tbody>
                    {view.top.map((row) => (
                      <tr key={row.name}>
                        <td>{row.name}</td>
                        <td class="num">{count(row.requests)}</td>
                        <td class="num">{count(row.tokens)}</td>
                        <td class="num">{usd(row.usage)}</td>
                      </tr>
                    ))}
                    {view.top.length === 0 && (
                      <tr>
                        <td colSpan={4} class="muted">
                          No traffic yet. Send a request with an API key and it shows up here.
                        </td>
                      </tr>
                    )}
                  </tbody>
                </table>
              </Card>
            </>
          )
        }
      </Loaded>
    </Page>
  );
}

function summarize(days: string[], rows: ActivityRow[], groupBy: 'model' | 'provider_name') {
  const today = days.at(-1)!;
  const weekStart = days.at(-7)!;
  let todaySpend = 0, week = 0, month = 0, requests = 0, errors = 0, requestsToday = 0, promptTokens = 0, completionTokens = 0, cacheHits = 0, cachedTokens = 0, cacheSavings = 0;
  const byGroup = new Map<string, { usage: number; requests: number; tokens: number; daily: Map<string, number> }>();
  for (const row of rows) {
    month += row.usage;
    if (row.date >= weekStart) week += row.usage;
    if (row.date === today) {
      todaySpend += row.usage;
      requestsToday += row.requests;
    }
    requests += row.requests;
    errors += row.error_requests ?? 0;
    cacheHits += row.cache_hits ?? 0;
    cachedTokens += row.cached_tokens ?? 0;
    cacheSavings += row.cache_savings ?? 0;
    promptTokens += row.prompt_tokens;
    completionTokens += row.completion_tokens;
    const name = row[groupBy] || 'unknown';
    const group = byGroup.get(name) ?? { usage: 0, requests: 0, tokens: 0, daily: new Map<string, number>() };
    group.usage += row.usage;
    group.requests += row.requests;
    group.tokens += row.prompt_tokens + row.completion_tokens;
    group.daily.set(row.date, (group.daily.get(row.date) ?? 0) + row.usage);
    byGroup.set(name, group);
  }
  const ranked = [...byGroup.entries()].sort((a, b) => b[1].usage - a[1].usage || b[1].requests - a[1].requests);
  const series: SpendSeries[] = ranked.slice(0, TOP).map(([label, group]) => ({ label, values: days.map((day) => group.daily.get(day) ?? 0) }));
  const rest = ranked.slice(TOP);
  if (rest.length > 0) series.push({ label: `${rest.length} more`, values: days.map((day) => rest.reduce((sum, [, group]) => sum + (group.daily.get(day) ?? 0), 0)) });
  return {
    days,
    today: todaySpend,
    week,
    month,
    requests,
    requestsToday,
    errors,
    cacheHits,
    cachedTokens,
    cacheSavings,
    tokens: promptTokens + completionTokens,
    promptTokens,
    completionTokens,
    series,
    top: ranked.slice(0, 10).map(([name, group]) => ({ name, ...group })),
  };
}
