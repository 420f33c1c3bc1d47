import type { ComponentChildren } from 'preact';

/** A page: title, optional actions on the right, then the content. */
export function Page(props: { title: string; subtitle?: string; actions?: ComponentChildren; children: ComponentChildren }) {
  return (
    <section class="page">
      <header class="page-header">
        <div>
          <h1>{props.title}</h1>
          {props.subtitle && <p class="subtitle">{props.subtitle}</p>}
        </div>
        {props.actions && <div class="page-actions">{props.actions}</div>}
      </header>
      {props.children}
    </section>
  );
}

/** A card with an optional title. */
export function Card(props: { title?: string; actions?: ComponentChildren; children: ComponentChildren; class?: string }) {
  return (
    <div class={`card ${props.class ?? ''}`}>
      {(props.title || props.actions) && (
        <div class="card-header">
          {props.title && <h2>{props.title}</h2>}
          {props.actions}
        </div>
      )}
      {props.children}
    </div>
  );
}

/** Loading, error or the content. */
export function Loaded(props: { loading: boolean; error: string | undefined; children: () => ComponentChildren }) {
  if (props.error) return <div class="notice error" role="alert">{props.error}</div>;
  if (props.loading) return <div class="muted loading">Loading…</div>;
  return <>{props.children()}</>;
}

export function Kpi(props: { label: string; value: string; hint?: string; testid?: string }) {
  return (
    <div class="kpi" data-testid={props.testid}>
      <div class="kpi-label">{props.label}</div>
      <div class="kpi-value">{props.value}</div>
      {props.hint && <div class="kpi-hint">{props.hint}</div>}
    </div>
  );
}

export function Badge(props: { tone: 'good' | 'bad' | 'warn' | 'neutral'; children: ComponentChildren }) {
  return <span class={`badge ${props.tone}`}>{props.children}</span>;
}

export function Empty(props: { children: ComponentChildren }) {
  return <div class="empty">{props.children}</div>;
}
