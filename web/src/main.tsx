import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, whenSignedOut } from './api.js';
import { AlertsPage } from './pages/alerts.js';
import { AuditPage } from './pages/audit.js';
import { CreditsPage } from './pages/credits.js';
import { GenerationsPage } from './pages/generations.js';
import { GuardrailsPage } from './pages/guardrails.js';
import { KeysPage } from './pages/keys.js';
import { OverviewPage } from './pages/overview.js';
import { PrivacyPage } from './pages/privacy.js';
import { ProvidersPage } from './pages/providers.js';
import { RateLimitsPage } from './pages/rate-limits.js';
import { SignIn } from './pages/sign-in.js';
import './styles.css';

const PAGES = [
  { path: 'overview', label: 'Overview', icon: '◔', page: OverviewPage },
  { path: 'keys', label: 'API keys', icon: '◆', page: KeysPage },
  { path: 'credits', label: 'Credits & budgets', icon: '$', page: CreditsPage },
  { path: 'rate-limits', label: 'Rate limits', icon: '◷', page: RateLimitsPage },
  { path: 'providers', label: 'Providers', icon: '◎', page: ProvidersPage },
  { path: 'generations', label: 'Generations', icon: '≡', page: GenerationsPage },
  { path: 'guardrails', label: 'Guardrails', icon: '▣', page: GuardrailsPage },
  { path: 'privacy', label: 'Privacy', icon: '◐', page: PrivacyPage },
  { path: 'alerts', label: 'Alerts', icon: '⚑', page: AlertsPage },
  { path: 'audit', label: 'Audit log', icon: '✎', page: AuditPage },
] as const;

interface Session {
  key_name: string;
  key_label: string;
  expires_at: string;
}

function currentPath(): string {
  return location.hash.replace(/^#\/?/, '').split('?')[0] || 'overview';
}

function App() {
  const [session, setSession] = useState<Session | null>();
  const [path, setPath] = useState(currentPath());
  const check = () =>
    api<{ data: Session | null }>('/dashboard/session')
      .then((result) => setSession(result.data))
      .catch(() => setSession(null));
  useEffect(() => {
    whenSignedOut(() => setSession(null));
    void check();
    const onHash = () => setPath(currentPath());
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  if (session === undefined) return <div class="boot muted">Loading…</div>;
  if (session === null) return <SignIn onSignedIn={() => void check()} />;
  const active = PAGES.find((page) => page.path === path) ?? PAGES[0];
  const Current = active.page;
  const signOut = async () => {
    await api('/dashboard/session', { method: 'DELETE' }).catch(() => undefined);
    setSession(null);
  };
  return (
    <div class="shell">
      <nav class="sidebar" aria-label="Dashboard">
        <div class="brand">
          <span class="brand-mark">⇄</span> Switchyard
        </div>
        <ul>
          {PAGES.map((page) => (
            <li key={page.path}>
              <a href={`#/${page.path}`} class={page.path === active.path ? 'active' : ''} aria-current={page.path === active.path ? 'page' : undefined}>
                <span class="icon" aria-hidden="true">
                  {page.icon}
                </span>
                {page.label}
              </a>
            </li>
          ))}
        </ul>
        <div class="sidebar-footer">
          <div class="who">
            <strong>{session.key_name}</strong>
            <code>{session.key_label}</code>
          </div>
          <button class="ghost light" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </nav>
      <main class="content">
        <Current key={active.path} />
      </main>
    </div>
  );
}

render(<App />, document.getElementById('app')!);
