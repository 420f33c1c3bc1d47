import { useState } from 'preact/hooks';
import { api } from '../api.js';

/**
 * Sign-in with a management key. The key goes to the gateway once, in this POST body; the
 * gateway answers with an HttpOnly session cookie, and the key is dropped from memory here.
 */
export function SignIn(props: { onSignedIn: () => void }) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const input = form.elements.namedItem('key') as HTMLInputElement;
    setBusy(true);
    setError(undefined);
    try {
      await api('/dashboard/session', { method: 'POST', body: { key: input.value.trim() } });
      input.value = '';
      props.onSignedIn();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="sign-in">
      <form class="sign-in-card" onSubmit={submit}>
        <div class="brand large">
          <span class="brand-mark">⇄</span> Switchyard
        </div>
        <p class="muted">Sign in with the gateway's management key to see spend, keys and activity.</p>
        <label for="key">Management key</label>
        <input id="key" name="key" type="password" autocomplete="off" placeholder="sk-or-v1-…" required />
        {error && (
          <div class="notice error" role="alert">
            {error}
          </div>
        )}
        <button class="primary wide" type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        <p class="hint">
          The key is in <code>admin_key</code> / <code>SWITCHYARD_ADMIN_KEY</code>, or generated into <code>data/admin-key</code>.
        </p>
      </form>
    </main>
  );
}
