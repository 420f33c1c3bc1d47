'use strict';
// Preload for the Portkey benchmark peer (`node --require`): Portkey's
// start-server.js listens on every interface; force loopback so the benchmark
// never opens a port beyond 127.0.0.1.
const net = require('node:net');

const originalListen = net.Server.prototype.listen;
net.Server.prototype.listen = function listenOnLoopback(...args) {
  const [first, second] = args;
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    if (second === undefined && args.length >= 2) {
      args[1] = '127.0.0.1';
    } else if (second === undefined || typeof second === 'function' || typeof second === 'number') {
      // listen(port[, backlog][, cb]) → listen(port, host[, backlog][, cb])
      args.splice(1, 0, '127.0.0.1');
    } else if (typeof second === 'string' && second !== '127.0.0.1') {
      args[1] = '127.0.0.1';
    }
  } else if (first && typeof first === 'object' && !Array.isArray(first) && first.path === undefined) {
    args[0] = { ...first, host: '127.0.0.1' };
  }
  return originalListen.apply(this, args);
};
