import { connect, createServer, type Server, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { limitConnectionsPerAddress } from "../../server/connections.ts";

const sockets: Socket[] = [];
let server: Server | undefined;
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

/** A server that greets every connection it keeps; a refused one is closed before any greeting. */
async function listen(limit: number, trusted: string[] = []): Promise<number> {
  server = createServer((socket) => socket.write("hello"));
  limitConnectionsPerAddress(server, limit, new Set(trusted));
  await new Promise<void>((resolve) => server?.listen(0, "0.0.0.0", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

/** Whether a connection from `localAddress` is greeted (kept) or closed (refused). */
function attempt(port: number, localAddress: string): Promise<"kept" | "refused"> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: "127.0.0.1", localAddress });
    sockets.push(socket);
    socket.once("data", () => resolve("kept"));
    socket.once("close", () => resolve("refused"));
    socket.once("error", () => resolve("refused"));
  });
}

describe("limitConnectionsPerAddress", () => {
  it("closes a connection beyond an address's share and keeps other addresses' connections", async () => {
    const port = await listen(2);
    expect(await attempt(port, "127.0.0.2")).toBe("kept");
    expect(await attempt(port, "127.0.0.2")).toBe("kept");
    expect(await attempt(port, "127.0.0.2")).toBe("refused");
    expect(await attempt(port, "127.0.0.3")).toBe("kept");
  });

  it("gives the share back when a connection closes", async () => {
    const port = await listen(1);
    expect(await attempt(port, "127.0.0.4")).toBe("kept");
    const first = sockets[0];
    await new Promise<void>((resolve) => {
      first?.once("close", () => setTimeout(resolve, 50));
      first?.destroy();
    });
    expect(await attempt(port, "127.0.0.4")).toBe("kept");
  });

  it("does not limit a trusted proxy", async () => {
    const port = await listen(1, ["127.0.0.5"]);
    expect(await Promise.all([attempt(port, "127.0.0.5"), attempt(port, "127.0.0.5"), attempt(port, "127.0.0.5")])).toEqual([
      "kept",
      "kept",
      "kept",
    ]);
  });
});
