// The producer's first steps, the entry list's outcome and the home page's live register, through
// the real loaders on the test database (SQLite, and PostgreSQL when TEST_POSTGRES_URL is set).
import { beforeAll, describe, expect, test } from "vitest";
import { seed } from "../../prisma/seed";
import { loadOnboarding } from "~/modules/producers/onboarding.server";
import * as homeRoute from "~/routes/_index";
import * as producerHome from "~/routes/producer._index";
import * as myEntries from "~/routes/producer_.entries._index";
import { prisma } from "~/utils/db.server";
import { roundWithCertificates } from "../support/certificate-round";
import { call, cookieFor, get, type RouteFn } from "../support/route-calls";

let newcomerId: string;
let newcomerCookie: string;
let producerCookie: string;
let certifiedCookie: string;

beforeAll(async () => {
  await seed(prisma, { demo: true });
  const demoProducer = await prisma.user.findUniqueOrThrow({ where: { email: "producer@tieubieu.test" } });
  const newcomer = await prisma.user.create({
    data: {
      email: "moi.den@example.vn",
      name: "Người Mới",
      emailVerifiedAt: new Date(),
      passwordHash: demoProducer.passwordHash,
    },
  });
  await prisma.roleAssignment.create({ data: { userId: newcomer.id, role: "PRODUCER", level: "PROVINCE" } });
  newcomerId = newcomer.id;
  // A producer whose three entries of a finalised round were recognised (direct inserts).
  const organiser = await prisma.user.findUniqueOrThrow({ where: { email: "organiser.bacninh@tieubieu.test" } });
  const roundId = await roundWithCertificates(organiser.id, 3);
  const owner = await prisma.establishment.findFirstOrThrow({
    where: { entries: { some: { roundId } } },
    select: { ownerId: true },
  });
  const certified = await prisma.user.update({
    where: { id: owner.ownerId },
    data: { emailVerifiedAt: new Date(), passwordHash: demoProducer.passwordHash },
    select: { email: true },
  });
  await prisma.roleAssignment.create({ data: { userId: owner.ownerId, role: "PRODUCER", level: "PROVINCE" } });
  [newcomerCookie, producerCookie, certifiedCookie] = await Promise.all([
    cookieFor("moi.den@example.vn"),
    cookieFor("producer@tieubieu.test"),
    cookieFor(certified.email),
  ]);
}, 180_000);

describe("a producer's first steps", () => {
  test("a producer with nothing yet starts at the establishment, on /producer", async () => {
    const out = await call(producerHome.loader as RouteFn, get("/producer", newcomerCookie));
    expect(out.status).toBe(200);
    const { onboarding } = out.data as {
      onboarding: { current: string; doneCount: number; steps: Array<{ href: string }> } | null;
    };
    expect(onboarding?.current).toBe("establishment");
    expect(onboarding?.doneCount).toBe(0);
    expect(onboarding?.steps[0]?.href).toBe("/producer/establishments/new");
  });

  test("reads only the producer's own rows: the newcomer sees none of the demo producer's", async () => {
    const mine = await loadOnboarding(newcomerId);
    expect(mine.steps.filter((s) => s.done)).toEqual([]);
    const demo = await prisma.user.findUniqueOrThrow({ where: { email: "producer@tieubieu.test" } });
    const theirs = await loadOnboarding(demo.id);
    expect((await call(producerHome.loader as RouteFn, get("/producer", producerCookie))).status).toBe(200);
    expect(theirs.steps.find((s) => s.key === "establishment")?.done).toBe(true);
    expect(theirs.steps.find((s) => s.key === "establishment")?.href).toMatch(
      /^\/producer\/establishments\/[a-z0-9]+$/,
    );
  });
});

describe("the producer's entry list", () => {
  test("each entry carries its outcome, computed from its round, result and certificate", async () => {
    const out = await call(myEntries.loader as RouteFn, get("/producer/entries", certifiedCookie));
    expect(out.status).toBe(200);
    const { entries } = out.data as {
      entries: Array<{ id: string; status: string; outcome: { kind: string; level?: string; status?: string } }>;
    };
    expect(entries).toHaveLength(3);
    // Accepted ("Hợp lệ") at screening, but what the producer sees is the recognition.
    expect(entries.every((e) => e.status === "ACCEPTED")).toBe(true);
    expect(entries.map((e) => e.outcome)).toEqual(
      entries.map(() => ({ kind: "recognised", level: "PROVINCE", certificate: "valid" })),
    );
    const certified = await prisma.certificate.findMany({
      where: { entryId: { in: entries.map((e) => e.id) } },
      select: { entryId: true, level: true },
    });
    for (const e of entries) {
      const cert = certified.find((c) => c.entryId === e.id);
      if (cert) expect(e.outcome, e.id).toMatchObject({ kind: "recognised", level: cert.level });
      else if (e.status !== "ACCEPTED") expect(e.outcome).toEqual({ kind: "screening", status: e.status });
    }
  });
});

describe("the home page", () => {
  test("shows the register's counts and the open rounds, and answers 304 to a repeat anonymous visit", async () => {
    const first = await call(homeRoute.loader as RouteFn, get("/"));
    expect(first.status).toBe(200);
    const home = first.data as {
      register: { counts: { certificates: number; valid: number } };
      rounds: Array<{ name: string }>;
    };
    expect(home.register.counts.certificates).toBe(await prisma.certificate.count());
    expect(home.register.counts.valid).toBeLessThanOrEqual(home.register.counts.certificates);
    const open = await prisma.round.count({
      where: {
        level: "PROVINCE",
        status: "OPEN",
        entriesOpenAt: { lte: new Date() },
        entriesCloseAt: { gte: new Date() },
      },
    });
    expect(home.rounds.length).toBe(Math.min(open, 5));
    const etag = first.headers.get("ETag");
    expect(etag).toBeTruthy();
    const again = await call(
      homeRoute.loader as RouteFn,
      new Request("http://localhost/", { headers: { "If-None-Match": etag! } }),
    );
    expect(again.status).toBe(304);
  });
});
