// Benchmark peer: a Socket.IO 4 server as its documentation recommends. A client emits
// "subscribe" with a room name and is answered "subscribed"; POST /publish/<room> with a JSON body
// emits it to the room as "event" (Socket.IO encodes a broadcast once for all members).
"use strict";
const http = require("node:http");
const { Server } = require("socket.io");

const port = Number(process.argv[2] || 8091);

const httpServer = http.createServer((req, res) => {
  if (req.method === "POST" && req.url.startsWith("/publish/")) {
    const room = decodeURIComponent(req.url.slice("/publish/".length));
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      io.to(room).emit("event", body);
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ subscribers: io.sockets.adapter.rooms.get(room)?.size ?? 0 }));
    });
    return;
  }
  if (req.method === "GET" && req.url === "/health") {
    res.writeHead(200, { "content-type": "application/json" });
    res.end('{"status":"UP"}');
    return;
  }
  if (req.method === "GET" && req.url === "/memory") {
    // Heap after a full collection (node --expose-gc), for the idle-capacity scenario.
    if (global.gc) global.gc();
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(process.memoryUsage()));
    return;
  }
  res.writeHead(404);
  res.end();
});

const io = new Server(httpServer, { transports: ["websocket"], serveClient: false });

io.on("connection", (socket) => {
  socket.on("subscribe", (room) => {
    socket.join(room);
    socket.emit("subscribed", room);
  });
});

httpServer.listen(port, "127.0.0.1", () => {
  console.log(`socket.io server listening on 127.0.0.1:${port}`);
});
