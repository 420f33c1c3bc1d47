import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { Card, Loaded, Page } from '../components/page.js';
import { useApi } from '../use-api.js';

type Settings = Record<string, unknown> & { enforce_zdr: boolean; data_collection: 'allow' | 'deny' };

export function PrivacyPage() {
  const { data, error, loading, reload } = useApi<{ data: Settings }>('/workspace/privacy');
  const [failure, setFailure] = useState<string>();
  const patch = async (body: Record<string, unknown>) => {
    setFailure(undefined);
    try {
      await api('/workspace/privacy', { method: 'PATCH', body });
      reload();
    } catch (err) {
      setFailure(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <Page title="Privacy" subtitle="Where prompts may go, and whether anything is logged. Changes apply to the next request.">
      {failure && <div class="notice error" role="alert">{failure}</div>}
      <Card>
        <Loaded loading={loading} error={error}>
          {() => {
            const settings = data!.data;
            return (
              <>
                <div class="setting">
                  <div>
                    <strong>Zero data retention only</strong>
                    <p class="muted">Route only to endpoints that keep no prompts.</p>
                  </div>
                  <label class="switch">
                    <input type="checkbox" checked={settings.enforce_zdr} onChange={(event) => void patch({ enforce_zdr: (event.currentTarget as HTMLInputElement).checked })} />
                    <span>{settings.enforce_zdr ? 'On' : 'Off'}</span>
                  </label>
                </div>
                <div class="setting">
                  <div>
                    <strong>Providers that train on data</strong>
                    <p class="muted">Allow or deny endpoints whose provider may train on or keep prompts.</p>
                  </div>
                  <select value={settings.data_collection} onChange={(event) => void patch({ data_collection: (event.currentTarget as HTMLSelectElement).value })}>
                    <option value="allow">allow</option>
                    <option value="deny">deny</option>
                  </select>
                </div>
                <h3>All settings</h3>
                <table class="table">
                  <tbody>
                    {Object.entries(settings).map(([field, value]) => (
                      <tr key={field}>
                        <td>
                          <code>{field}</code>
                        </td>
                        <td>{typeof value === 'object' ? JSON.stringify(value) : String(value)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            );
          }}
        </Loaded>
      </Card>
    </Page>
  );
}
