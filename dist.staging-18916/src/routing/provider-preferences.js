import { z } from "zod";
const QUANTIZATIONS = ["int4", "int8", "fp4", "mxfp4", "nvfp4", "fp6", "fp8", "mxfp8", "fp16", "bf16", "fp32", "unknown"];
const SORT_BY = ["price", "throughput", "latency"];
const usd = z.union([
  z.number().nonnegative("must be a non-negative number"),
  z.string().regex(/^\d+(\.\d+)?([eE][-+]?\d+)?$/, "must be a non-negative decimal")
]);
const percentileObject = z.strictObject({
  p50: z.number().nonnegative().optional(),
  p75: z.number().nonnegative().optional(),
  p90: z.number().nonnegative().optional(),
  p99: z.number().nonnegative().optional()
});
const threshold = z.union([z.number().nonnegative(), percentileObject]);
const providerNames = z.array(z.string().min(1, "provider names must not be empty"));
const providerPreferencesSchema = z.looseObject({
  order: providerNames.optional(),
  only: providerNames.optional(),
  ignore: providerNames.optional(),
  allow_fallbacks: z.boolean().optional(),
  require_parameters: z.boolean().optional(),
  data_collection: z.enum(["allow", "deny"]).optional(),
  zdr: z.boolean().optional(),
  enforce_distillable_text: z.boolean().optional(),
  quantizations: z.array(z.enum(QUANTIZATIONS)).optional(),
  sort: z.union([
    z.enum(SORT_BY),
    z.strictObject({ by: z.enum(SORT_BY), partition: z.enum(["model", "none"]).optional() })
  ]).optional(),
  max_price: z.strictObject({ prompt: usd.optional(), completion: usd.optional(), request: usd.optional(), image: usd.optional(), audio: usd.optional() }).optional(),
  preferred_min_throughput: threshold.optional(),
  preferred_max_latency: threshold.optional()
});
function readSortPreference(sort) {
  if (typeof sort === "string" && SORT_BY.includes(sort)) return { by: sort, partition: "model" };
  if (sort && typeof sort === "object") {
    const { by, partition } = sort;
    if (typeof by === "string" && SORT_BY.includes(by)) return { by, partition: partition === "none" ? "none" : "model" };
  }
  return void 0;
}
export {
  providerPreferencesSchema,
  readSortPreference
};
//# sourceMappingURL=provider-preferences.js.map
