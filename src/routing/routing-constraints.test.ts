import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Provider } from '../core/provider-types.js';
import type { ResolvedEndpoint } from './catalog/resolved-catalog.js';
import { constraintExcluding, constraintsFromRequest, mergeRoutingConstraints } from './routing-constraints.js';

function endpoint(id: string, policy: Partial<Provider['dataPolicy']>): ResolvedEndpoint {
  const provider = {
    id,
    name: id.toUpperCase(),
    dataPolicy: { zdr: false, trainsOnData: false, retainsPromptsDays: 0, region: 'us', moderated: false, ...policy },
  } as Provider;
  return { provider, upstreamModel: 'm', prices: {} as ResolvedEndpoint['prices'], entry: {} as ResolvedEndpoint['entry'] };
}

describe('routing constraints', () => {
  it('merging intersects allow-lists, unions ignores and keeps any boolean requirement', () => {
    const merged = mergeRoutingConstraints(
      { allowedProviders: { ids: ['a', 'b', 'c'], source: 'workspace' }, ignoredProviders: { ids: ['x'], source: 'workspace' } },
      { allowedProviders: { ids: ['B', 'c', 'd'], source: 'guardrail:g1' }, ignoredProviders: { ids: ['y'], source: 'guardrail:g1' }, requireZdr: { source: 'guardrail:g1' } },
    );
    assert.deepEqual(merged.allowedProviders, { ids: ['b', 'c'], source: 'workspace+guardrail:g1' });
    assert.deepEqual(merged.ignoredProviders?.ids, ['x', 'y']);
    assert.deepEqual(merged.requireZdr, { source: 'guardrail:g1' });
  });

  it('merging with an empty set returns the other side unchanged (no allocation per request)', () => {
    const workspace = { requireZdr: { source: 'workspace' } };
    assert.equal(mergeRoutingConstraints(workspace, {}), workspace);
    assert.equal(mergeRoutingConstraints({}, workspace), workspace);
    assert.deepEqual(mergeRoutingConstraints(workspace, { regions: { ids: ['eu'], source: 'g' } }), {
      allowedProviders: undefined,
      ignoredProviders: undefined,
      allowedModels: undefined,
      requireZdr: { source: 'workspace' },
      denyDataCollection: undefined,
      regions: { ids: ['eu'], source: 'g' },
    });
  });

  it('names the constraint and its source that excludes an endpoint', () => {
    assert.equal(constraintExcluding({ requireZdr: { source: 'workspace' } }, 'm/x', endpoint('p', { zdr: false })), 'zdr (workspace)');
    assert.equal(constraintExcluding({ requireZdr: { source: 'workspace' } }, 'm/x', endpoint('p', { zdr: true })), undefined);
    const deny = constraintsFromRequest({ data_collection: 'deny' });
    assert.equal(constraintExcluding(deny, 'm/x', endpoint('p', { trainsOnData: true })), 'data_collection=deny (request)');
    assert.equal(constraintExcluding(deny, 'm/x', endpoint('p', { retainsPromptsDays: 30 })), 'data_collection=deny (request)');
    assert.equal(constraintExcluding(deny, 'm/x', endpoint('p', {})), undefined);
    const eu = { regions: { ids: ['eu'], source: 'workspace' } };
    assert.equal(constraintExcluding(eu, 'm/x', endpoint('p', { region: 'us' })), 'region (workspace)');
    assert.equal(constraintExcluding(eu, 'm/x', endpoint('p', { region: null })), 'region (workspace)');
    assert.equal(constraintExcluding(eu, 'm/x', endpoint('p', { region: 'eu' })), undefined);
    assert.equal(constraintExcluding({ allowedModels: { ids: ['m/y'], source: 'guardrail:g' } }, 'm/x', endpoint('p', {})), 'allowed_models (guardrail:g)');
    assert.equal(constraintExcluding({ allowedProviders: { ids: ['deepinfra'], source: 'w' } }, 'm/x', endpoint('deepinfra/turbo', {})), undefined);
  });
});
