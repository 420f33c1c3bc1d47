const MAX_RECORDED = 1e3;
function createSimRequestBook() {
  const requests = [];
  const faults = [];
  let seq = 0;
  return {
    requests,
    record(request) {
      requests.push(request);
      if (requests.length > MAX_RECORDED) requests.splice(0, requests.length - MAX_RECORDED);
    },
    enqueueFault(fault) {
      faults.push({ ...fault });
    },
    takeFault(directives, extra) {
      const queued = faults.shift();
      return queued || extra ? { ...directives, ...extra, ...queued } : directives;
    },
    nextSeq() {
      seq += 1;
      return seq;
    },
    reset() {
      requests.length = 0;
      faults.length = 0;
      seq = 0;
    }
  };
}
export {
  createSimRequestBook
};
//# sourceMappingURL=sim-request-book.js.map
