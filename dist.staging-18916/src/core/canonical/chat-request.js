//# sourceMappingURL=chat-request.js.map
