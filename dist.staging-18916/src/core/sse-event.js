//# sourceMappingURL=sse-event.js.map
