const LOCAL_CHANGE_FEED = {
  publish() {
  },
  subscribe() {
  },
  async close() {
  }
};
export {
  LOCAL_CHANGE_FEED
};
//# sourceMappingURL=change-feed.js.map
