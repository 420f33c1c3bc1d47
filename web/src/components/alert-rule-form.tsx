import { useState } from 'preact/hooks';
import { Dialog } from './dialog.js';

export type AlertRuleType = 'budget' | 'spend_spike' | 'error_rate' | 'provider_outage';

export interface AlertRule {
  id: string;
  name: string;
  type: AlertRuleType;
  rule: Record<string, unknown> & { type: AlertRuleType };
  webhook_url: string | null;
  created_at: string;
}

export const RULE_TYPES: Array<{ value: AlertRuleType; label: string }> = [
  { value: 'budget', label: 'Budget used' },
  { value: 'spend_spike', label: 'Spend spike' },
  { value: 'error_rate', label: 'Error-rate spike' },
  { value: 'provider_outage', label: 'Provider outage' },
];

/** The form's number fields per rule type: [field, label, default, step]. */
const FIELDS: Record<AlertRuleType, Array<[string, string, number, string]>> = {
  budget: [],
  spend_spike: [
    ['factor', 'Factor over the average', 3, '0.1'],
    ['min_usd', 'At least (USD)', 1, '0.01'],
    ['window_minutes', 'Window (minutes)', 60, '1'],
    ['baseline_windows', 'Baseline windows', 24, '1'],
  ],
  error_rate: [
    ['threshold_percent', 'Failed share (%)', 20, '0.1'],
    ['window_minutes', 'Window (minutes)', 5, '1'],
    ['min_requests', 'At least (requests)', 20, '1'],
  ],
  provider_outage: [],
};

/**
 * Create or edit an alert rule: name, type, the type's settings and the webhook. Submits the
 * body of `POST /api/v1/alerts/rules` (or of PATCH, which takes the same fields).
 */
export function AlertRuleForm(props: {
  title: string;
  initial?: AlertRule;
  keys: Array<{ hash: string; name: string }>;
  onClose: () => void;
  onSubmit: (body: Record<string, unknown>) => Promise<void>;
}) {
  const initial = props.initial;
  const [type, setType] = useState<AlertRuleType>(initial?.type ?? 'budget');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const start: Record<string, unknown> = initial && initial.type === type ? initial.rule : {};
  const submit = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const rule: Record<string, unknown> = { type };
    for (const [field] of FIELDS[type]) if (text(field) !== '') rule[field] = Number(text(field));
    if (type === 'budget') {
      rule.thresholds_percent = text('thresholds')
        .split(/[\s,]+/)
        .filter(Boolean)
        .map(Number);
      if (text('key_hash')) rule.key_hash = text('key_hash');
    }
    if (type === 'provider_outage' && text('providers')) rule.providers = text('providers').split(/[\s,]+/).filter(Boolean);
    setBusy(true);
    setError(undefined);
    try {
      await props.onSubmit({ name: text('name'), webhook_url: text('webhook_url') || null, rule });
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
          <input name="name" required maxLength={200} value={initial?.name ?? ''} placeholder="e.g. team budget" />
        </label>
        <label>
          Watch
          <select name="type" value={type} onChange={(event) => setType((event.currentTarget as HTMLSelectElement).value as AlertRuleType)}>
            {RULE_TYPES.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
        {type === 'budget' && (
          <div class="row">
            <label>
              Thresholds (%)
              <input name="thresholds" value={((start.thresholds_percent as number[] | undefined) ?? [50, 80, 100]).join(', ')} required />
            </label>
            <label>
              Key
              <select name="key_hash" value={(start.key_hash as string | undefined) ?? ''}>
                <option value="">every capped key and the balance</option>
                {props.keys.map((key) => (
                  <option key={key.hash} value={key.hash}>
                    {key.name}
                  </option>
                ))}
              </select>
            </label>
          </div>
        )}
        {FIELDS[type].length > 0 && (
          <div class="row wrap">
            {FIELDS[type].map(([field, label, fallback, step]) => (
              <label key={field}>
                {label}
                <input name={field} type="number" min="0" step={step} value={String(start[field] ?? fallback)} />
              </label>
            ))}
          </div>
        )}
        {type === 'provider_outage' && (
          <label>
            Providers (ids, comma-separated)
            <input name="providers" value={((start.providers as string[] | undefined) ?? []).join(', ')} placeholder="every provider" />
          </label>
        )}
        <label>
          Webhook URL
          <input name="webhook_url" type="url" value={initial?.webhook_url ?? ''} placeholder="none: shown here and in the API only" />
        </label>
        {error && <div class="notice error" role="alert">{error}</div>}
        <div class="dialog-actions">
          <button type="button" class="ghost" onClick={props.onClose}>
            Cancel
          </button>
          <button class="primary" type="submit" disabled={busy}>
            {initial ? 'Save' : 'Create rule'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** One line describing a rule's settings. */
export function describeRule(rule: AlertRule, keyName: (hash: string) => string): string {
  const params = rule.rule;
  switch (rule.type) {
    case 'budget':
      return `${(params.thresholds_percent as number[]).join(' / ')} % of ${params.key_hash ? `key “${keyName(params.key_hash as string)}”` : 'every capped key and the balance'}`;
    case 'spend_spike':
      return `last ${params.window_minutes} min ≥ ${params.factor}× the average of ${params.baseline_windows} windows, at least $${params.min_usd}`;
    case 'error_rate':
      return `≥ ${params.threshold_percent} % 5xx in ${params.window_minutes} min, at least ${params.min_requests} requests`;
    case 'provider_outage':
      return `circuit opens on ${(params.providers as string[] | undefined)?.join(', ') || 'any provider'}`;
  }
}
