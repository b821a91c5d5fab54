// lucia 3 sessions stored in the database (table Session): revocable one by one or all at once.
import { PrismaAdapter } from "@lucia-auth/adapter-prisma";
import { Lucia, TimeSpan, type DatabaseSession, type DatabaseUser } from "lucia";
import { directRows, prisma, sqlDate } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";

const asDate = (v: unknown): Date => sqlDate(v) ?? new Date(NaN);

const SESSION_AND_USER = `SELECT s."id", s."userId", s."expiresAt", s."ipAddress", s."userAgent", s."createdAt",
  u."email", u."name", u."locale", u."emailVerifiedAt", u."disabledAt"
  FROM "Session" s JOIN "User" u ON u."id" = s."userId" WHERE s."id" = $1`;

/**
 * Lucia's Prisma adapter, with the lookup every signed-in request makes (the session and its
 * user) as one statement sent straight to the driver (directRows): Prisma 6.19 plans each query
 * anew, raw ones too (~0.5–2 ms of CPU here), which judges' autosaves pay every couple of
 * seconds (decision 016). It reads the attributes lucia.getSessionAttributes/getUserAttributes
 * use and nothing else (no password hash). Lucia keeps every rule: expiry, deletion of an
 * expired session, extension past half its life (done through the Prisma delegates, as are
 * creation and deletion).
 */
class SessionAdapter extends PrismaAdapter<typeof prisma> {
  override async getSessionAndUser(sessionId: string): Promise<[DatabaseSession | null, DatabaseUser | null]> {
    const r = (await directRows(SESSION_AND_USER, [sessionId]))[0];
    if (!r) return [null, null];
    const [id, userId, expiresAt, ipAddress, userAgent, createdAt, email, name, locale, emailVerifiedAt, disabledAt] =
      r;
    return [
      {
        id: String(id),
        userId: String(userId),
        expiresAt: asDate(expiresAt),
        attributes: {
          ipAddress: (ipAddress as string | null) ?? null,
          userAgent: (userAgent as string | null) ?? null,
          createdAt: asDate(createdAt),
        },
      },
      {
        id: String(userId),
        attributes: {
          email: String(email),
          name: String(name),
          locale: String(locale),
          emailVerifiedAt: sqlDate(emailVerifiedAt),
          disabledAt: sqlDate(disabledAt),
        },
      },
    ];
  }
}

// The adapter only calls findUnique/create/update/delete on these delegates.
const adapter = new SessionAdapter(
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
