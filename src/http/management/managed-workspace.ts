import type { ApiKeyRecord } from '../../stores/key-store.js';
import type { WorkspaceDirectory } from '../../billing/workspace-directory.js';
import { NotFoundError } from '../../core/errors/gateway-error.js';

/**
 * The workspace a management call acts on: the one it names (`?workspace_id=`, or `workspace_id`
 * in a create body, as the key and credit routes take it), else the management key's own. The
 * management key manages every workspace of the gateway; an unknown id is a 404, never a silent
 * fallback to the default workspace.
 */
export function managedWorkspace(caller: ApiKeyRecord, requested: unknown, directory: WorkspaceDirectory): string {
  if (requested === undefined || requested === null || requested === '') return caller.workspaceId;
  const id = String(requested);
  if (!directory.workspace(id)) throw new NotFoundError(`No workspace ${JSON.stringify(id)}`);
  return id;
}
