// lucia 3 sessions stored in the database (table Session): revocable one by one or all at once.
import { PrismaAdapter } from "@lucia-auth/adapter-prisma";
import { Lucia, TimeSpan } from "lucia";
import { prisma } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";

// The adapter only calls findUnique/create/update/delete on these delegates.
const adapter = new PrismaAdapter(
  prisma.session as unknown as ConstructorParameters<typeof PrismaAdapter>[0],
  prisma.user as unknown as ConstructorParameters<typeof PrismaAdapter>[1],
);

export const lucia = new Lucia(adapter, {
  sessionExpiresIn: new TimeSpan(30, "d"),
  sessionCookie: {
    name: "tb_session",
    attributes: { secure: getEnv().appUrl.startsWith("https:"), sameSite: "lax" },
  },
  getSessionAttributes: (a) => ({ ipAddress: a.ipAddress, userAgent: a.userAgent, createdAt: a.createdAt }),
  getUserAttributes: (a) => ({
    email: a.email,
    name: a.name,
    locale: a.locale,
    emailVerifiedAt: a.emailVerifiedAt,
    disabledAt: a.disabledAt,
  }),
});

declare module "lucia" {
  interface Register {
    Lucia: typeof lucia;
    DatabaseSessionAttributes: { ipAddress: string | null; userAgent: string | null; createdAt: Date };
    DatabaseUserAttributes: {
      email: string;
      name: string;
      locale: string;
      emailVerifiedAt: Date | null;
      disabledAt: Date | null;
    };
  }
}
