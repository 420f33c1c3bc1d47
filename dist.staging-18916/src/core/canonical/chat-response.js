//# sourceMappingURL=chat-response.js.map
