import { Card, Empty, Page } from '../components/page.js';

export function GenerationsPage() {
  return (
    <Page title="Generations" subtitle="Every request with its cost and routing.">
      <Card>
        <Empty>Look a generation up with GET /api/v1/generation?id=…</Empty>
      </Card>
    </Page>
  );
}
