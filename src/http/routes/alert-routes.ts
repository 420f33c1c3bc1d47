import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { KeyRegistry } from '../../auth/key-registry.js';
import { createAlertRuleBody, updateAlertRuleBody, type AlertRuleParams } from '../../alerts/alert-rule-schema.js';
import type { AlertMonitor } from '../../alerts/alert-monitor.js';
import { InvalidRequestError, NotFoundError } from '../../core/errors/gateway-error.js';
import type { AlertDeliveryRecord, AlertEventRecord, AlertRuleRecord, AlertStore } from '../../stores/alert-store.js';
import { parseWithSchema } from '../codecs/parse-with-schema.js';
import { readQueryInteger } from '../read-query-integer.js';
import type { AuditTrail } from '../../audit/audit-trail.js';
import { auditActor } from '../audit-actor.js';

export interface AlertRouteDeps {
  keys: KeyRegistry;
  store: AlertStore;
  monitor: AlertMonitor;
  /** The webhook signing secret of a rule (derived from the master key; shown once, at creation). */
  secretFor: (ruleId: string) => string;
  audit: AuditTrail;
}

const encodeRule = (rule: AlertRuleRecord) => ({
  id: rule.id,
  name: rule.name,
  type: rule.type,
  rule: { type: rule.type, ...rule.params },
  webhook_url: rule.webhookUrl,
  workspace_id: rule.workspaceId,
  created_at: rule.createdAt,
});

const encodeEvent = (event: AlertEventRecord) => ({
  id: event.id,
  rule_id: event.ruleId,
  type: event.type,
  summary: event.summary,
  details: event.details,
  fired_at: new Date(event.firedAt).toISOString(),
});

const encodeDelivery = (delivery: AlertDeliveryRecord) => ({
  id: delivery.id,
  event_id: delivery.eventId,
  url: delivery.url,
  attempt: delivery.attempt,
  at: new Date(delivery.at).toISOString(),
  status: delivery.status,
  error: delivery.error,
  delivered: delivery.delivered,
});

/**
 * `/api/v1/alerts`: rules (create, list, update, delete), the events they fired and the webhook delivery
 * log, for management keys, scoped to the caller's workspace. The signing secret of a rule's
 * webhook is returned once, when the rule is created.
 */
export function registerAlertRoutes(app: FastifyInstance, deps: AlertRouteDeps): void {
  const manager = (request: FastifyRequest) => deps.keys.authenticate(request.headers.authorization, 'management').key;
  const workspace = (request: FastifyRequest) => manager(request).workspaceId;
  const audit = (request: FastifyRequest, change: Parameters<AuditTrail['record']>[1]) => deps.audit.record(auditActor(request, manager(request)), change);

  const checkKeyHash = (rule: AlertRuleParams | undefined, workspaceId: string) => {
    if (rule?.type !== 'budget' || rule.key_hash === undefined) return;
    const key = deps.keys.get(rule.key_hash);
    if (!key || key.workspaceId !== workspaceId) throw new InvalidRequestError(`rule.key_hash: no key ${rule.key_hash} in this workspace`);
  };

  app.get('/api/v1/alerts/rules', async (request) => ({ data: (await deps.store.listRules(workspace(request))).map(encodeRule) }));

  app.post('/api/v1/alerts/rules', async (request, reply) => {
    const workspaceId = workspace(request);
    const body = parseWithSchema(createAlertRuleBody, request.body);
    checkKeyHash(body.rule, workspaceId);
    const { type, ...params } = body.rule;
    const rule: AlertRuleRecord = { id: randomUUID(), workspaceId, name: body.name, type, params, webhookUrl: body.webhook_url ?? null, createdAt: new Date().toISOString() };
    await deps.store.createRule(rule);
    await audit(request, { action: 'alert_rule.create', workspaceId, targetId: rule.id, after: encodeRule(rule) });
    reply.code(201);
    return { data: encodeRule(rule), ...(rule.webhookUrl ? { webhook_secret: deps.secretFor(rule.id) } : {}) };
  });

  app.patch<{ Params: { id: string } }>('/api/v1/alerts/rules/:id', async (request) => {
    const workspaceId = workspace(request);
    const body = parseWithSchema(updateAlertRuleBody, request.body);
    const current = (await deps.store.listRules(workspaceId)).find((rule) => rule.id === request.params.id);
    if (!current) throw new NotFoundError(`No alert rule with id ${request.params.id}`);
    checkKeyHash(body.rule, workspaceId);
    const { type, ...params } = body.rule ?? { type: current.type, ...current.params };
    const rule: AlertRuleRecord = { ...current, name: body.name ?? current.name, type, params, webhookUrl: body.webhook_url === undefined ? current.webhookUrl : body.webhook_url };
    if (!(await deps.store.updateRule(rule))) throw new NotFoundError(`No alert rule with id ${request.params.id}`);
    await audit(request, { action: 'alert_rule.update', workspaceId, targetId: rule.id, before: encodeRule(current), after: encodeRule(rule) });
    // The secret is derived from the rule id, so it is unchanged: shown only when a webhook was just added.
    return { data: encodeRule(rule), ...(rule.webhookUrl && !current.webhookUrl ? { webhook_secret: deps.secretFor(rule.id) } : {}) };
  });

  app.delete<{ Params: { id: string } }>('/api/v1/alerts/rules/:id', async (request) => {
    const workspaceId = workspace(request);
    const current = (await deps.store.listRules(workspaceId)).find((rule) => rule.id === request.params.id);
    if (!current || !(await deps.store.deleteRule(request.params.id, workspaceId))) throw new NotFoundError(`No alert rule with id ${request.params.id}`);
    await audit(request, { action: 'alert_rule.delete', workspaceId, targetId: current.id, before: encodeRule(current) });
    return { deleted: true };
  });

  app.get<{ Querystring: { limit?: string; rule_id?: string } }>('/api/v1/alerts/events', async (request) => {
    const limit = readQueryInteger(request.query.limit, { name: 'limit', fallback: 100, min: 1, max: 1000 });
    const events = await deps.store.listEvents(workspace(request), { limit, ruleId: request.query.rule_id || undefined });
    return { data: events.map(encodeEvent) };
  });

  app.get<{ Querystring: { limit?: string; event_id?: string } }>('/api/v1/alerts/deliveries', async (request) => {
    const limit = readQueryInteger(request.query.limit, { name: 'limit', fallback: 100, min: 1, max: 1000 });
    const deliveries = await deps.store.listDeliveries(workspace(request), { limit, eventId: request.query.event_id || undefined });
    return { data: deliveries.map(encodeDelivery) };
  });

  /** Evaluates every rule now instead of at the next tick (after changing limits, for a test run). */
  app.post('/api/v1/alerts/evaluate', async (request) => {
    workspace(request);
    await deps.monitor.evaluate();
    return { evaluated: true };
  });
}
