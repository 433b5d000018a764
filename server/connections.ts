// Open connections per client address: a connection beyond an address's share is closed at once,
// before a byte of it is read, so one client holding sockets open (slow-loris) leaves the rest for
// everyone else. Trusted proxies carry many clients and are not limited.
import type { Server } from "node:net";

export function limitConnectionsPerAddress(server: Pick<Server, "prependListener">, limit: number, trusted: ReadonlySet<string>): void {
  const open = new Map<string, number>();
  // Before the server's own listener, so a refused socket is never handed to it.
  server.prependListener("connection", (socket) => {
    const address = socket.remoteAddress ?? "unknown";
    if (trusted.has(address)) return;
    const count = (open.get(address) ?? 0) + 1;
    if (count > limit) {
      socket.destroy();
      return;
    }
    open.set(address, count);
    socket.once("close", () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left === 0) open.delete(address);
      else open.set(address, left);
    });
  });
}
