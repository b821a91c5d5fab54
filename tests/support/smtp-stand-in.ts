// A LOCAL SMTP STAND-IN for tests (smtp-server on a loopback port): no real mail server is
// reachable here. It accepts, or refuses every message with a chosen SMTP answer (e.g. 451 or
// 550), and can be stopped and started again on the same port (connection refused meanwhile).
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface Received {
  from: string;
  to: string[];
  raw: string;
}

export type StandInMode = "accept" | { code: number; message: string };

export interface SmtpStandIn {
  port: number;
  url: string;
  received: Received[];
  /** Every SMTP connection opened to the stand-in (a request that must not talk SMTP leaves it at 0). */
  connections: number;
  setMode(mode: StandInMode): void;
  /** Stops listening: a client now gets "connection refused". */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startSmtpStandIn(initial: StandInMode = "accept"): Promise<SmtpStandIn> {
  let mode = initial;
  let server: SMTPServer | null = null;
  const standIn = {
    port: 0,
    url: "",
    received: [] as Received[],
    connections: 0,
    setMode(next: StandInMode) {
      mode = next;
    },
    async stop() {
      const s = server;
      server = null;
      if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
    },
    async restart() {
      await standIn.stop();
      await listen(standIn.port);
    },
    close: () => standIn.stop(),
  };

  function create() {
    return new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onConnect(_session, callback) {
        standIn.connections++;
        callback();
      },
      onData(stream, session, callback) {
        let raw = "";
        stream.setEncoding("utf8");
        stream.on("data", (chunk: string) => (raw += chunk));
        stream.on("end", () => {
          if (mode !== "accept") {
            const refusal = Object.assign(new Error(mode.message), { responseCode: mode.code });
            return callback(refusal);
          }
          standIn.received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((r) => r.address),
            raw,
          });
          callback();
        });
      },
    });
  }

  function listen(port: number) {
    const s = create();
    return new Promise<void>((resolve, reject) => {
      s.server.once("error", reject);
      s.listen(port, "127.0.0.1", () => {
        server = s;
        standIn.port = (s.server.address() as AddressInfo).port;
        standIn.url = `smtp://127.0.0.1:${standIn.port}`;
        resolve();
      });
    });
  }

  await listen(0);
  return standIn;
}
