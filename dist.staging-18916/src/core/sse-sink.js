//# sourceMappingURL=sse-sink.js.map
