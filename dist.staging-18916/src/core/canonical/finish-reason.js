//# sourceMappingURL=finish-reason.js.map
