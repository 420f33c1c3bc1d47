const SIM_MODEL_IDS = ["gpt-4o-mini", "gpt-4o", "o4-mini", "gpt-3.5-turbo-instruct", "text-embedding-3-small"];
const CREATED = 1715367049;
function listSimModels() {
  return { object: "list", data: SIM_MODEL_IDS.map((id) => ({ id, object: "model", created: CREATED, owned_by: "system" })) };
}
export {
  SIM_MODEL_IDS,
  listSimModels
};
//# sourceMappingURL=list-sim-models.js.map
