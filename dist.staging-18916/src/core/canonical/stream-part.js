//# sourceMappingURL=stream-part.js.map
