import { MemoryByokKeyStore } from "./memory-byok-key-store.js";
import { MemoryGenerationStore } from "./memory-generation-store.js";
import { MemoryKeyRateLimitStore } from "./memory-key-rate-limit-store.js";
import { MemoryKeyStore } from "./memory-key-store.js";
import { MemoryLedger } from "./memory-ledger.js";
import { MemoryWorkspaceStore } from "./memory-workspace-store.js";
import { MemoryPrivacyStore } from "./memory-privacy-store.js";
import { MemoryGuardrailStore } from "./memory-guardrail-store.js";
import { MemoryAuditStore } from "./memory-audit-store.js";
async function openMemoryStores() {
  return {
    keys: new MemoryKeyStore(),
    generations: new MemoryGenerationStore(),
    workspaces: new MemoryWorkspaceStore(),
    ledger: new MemoryLedger(),
    keyRateLimits: new MemoryKeyRateLimitStore(),
    byokKeys: new MemoryByokKeyStore(),
    privacy: new MemoryPrivacyStore(),
    guardrails: new MemoryGuardrailStore(),
    audit: new MemoryAuditStore(),
    async ping() {
    },
    async close() {
    }
  };
}
export {
  openMemoryStores
};
//# sourceMappingURL=open-memory-stores.js.map
