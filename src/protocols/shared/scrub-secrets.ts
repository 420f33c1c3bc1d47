/**
 * The one scrubber lives in core (`core/secret-registry.ts`): exact match against every secret
 * the gateway holds plus known credential shapes. Re-exported here for the protocols' error
 * mappers, which run it on every upstream body they carry.
 */
export { scrubSecretText, scrubSecrets } from '../../core/secret-registry.js';
