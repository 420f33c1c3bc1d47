import { createServer } from "node:http";
async function startSimServer(options) {
  const sockets = /* @__PURE__ */ new Set();
  const server = createServer((req, res) => {
    options.handle(req, res).catch(() => {
      if (!res.headersSent) options.sendCrash(res);
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 1e4;
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port, address } = server.address();
  const hostPart = address.includes(":") ? `[${address}]` : address;
  return {
    origin: `http://${hostPart}:${port}`,
    port,
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    }
  };
}
export {
  startSimServer
};
//# sourceMappingURL=start-sim-server.js.map
