const ANSWERED = "answered";
export {
  ANSWERED
};
//# sourceMappingURL=inference-stage.js.map
