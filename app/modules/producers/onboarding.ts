// A new producer's first steps (issue #13 item 1), as a pure function of their own data: the
// establishment, a product, its photos and documents, then an entry in an open round. Each step
// is a link to where it is done; the first step not done is the current one. Shown on the
// producer's home and on the step pages until every step is done (decision 031).
import type { EntryStatusName } from "~/modules/entries/entry-state";

export const ONBOARDING_STEPS = ["establishment", "product", "dossier", "round"] as const;
export type OnboardingStepKey = (typeof ONBOARDING_STEPS)[number];

export interface OnboardingInput {
  /** The producer's establishments, oldest first, with their products (oldest first). */
  establishments: ReadonlyArray<{ id: string; products: ReadonlyArray<{ id: string; dossierComplete: boolean }> }>;
  /** Entries of the producer's establishments. */
  entries: ReadonlyArray<{ id: string; status: EntryStatusName }>;
}

export interface OnboardingStep {
  key: OnboardingStepKey;
  done: boolean;
  current: boolean;
  href: string;
}

export interface Onboarding {
  steps: OnboardingStep[];
  /** Steps done, for "step 2 of 4". */
  doneCount: number;
  /** The current step's key; null when the path is walked. */
  current: OnboardingStepKey | null;
  complete: boolean;
}

/** An entry that reached the organiser: submitted once, whatever happened to it since (a withdrawal does not count). */
const REACHED_ROUND: ReadonlySet<EntryStatusName> = new Set(["SUBMITTED", "RETURNED", "ACCEPTED", "REJECTED"]);

export function onboarding(input: OnboardingInput): Onboarding {
  const establishment = input.establishments[0];
  const products = input.establishments.flatMap((e) => e.products);
  const firstProduct = products[0];
  const completeProduct = products.find((p) => p.dossierComplete);
  const incompleteProduct = products.find((p) => !p.dossierComplete);
  const draft = input.entries.find((e) => e.status === "DRAFT");

  const newEstablishment = "/producer/establishments/new";
  const newProduct = establishment ? `/producer/products/new?establishment=${establishment.id}` : newEstablishment;
  const done: Record<OnboardingStepKey, boolean> = {
    establishment: !!establishment,
    product: !!firstProduct,
    dossier: !!completeProduct,
    round: input.entries.some((e) => REACHED_ROUND.has(e.status)),
  };
  const href: Record<OnboardingStepKey, string> = {
    establishment: establishment ? `/producer/establishments/${establishment.id}` : newEstablishment,
    product: firstProduct ? `/producer/products/${firstProduct.id}` : newProduct,
    // The product whose photos and documents are still missing, else the one that has them all.
    dossier: (() => {
      const target = completeProduct ?? incompleteProduct;
      return target ? `/producer/products/${target.id}` : newProduct;
    })(),
    // A draft entry is finished and submitted on its own page; otherwise the open rounds.
    round: !done.round && draft ? `/producer/entries/${draft.id}` : done.round ? "/producer/entries" : "/rounds",
  };
  const current = ONBOARDING_STEPS.find((key) => !done[key]) ?? null;
  const steps = ONBOARDING_STEPS.map((key) => ({ key, done: done[key], current: key === current, href: href[key] }));
  return { steps, doneCount: steps.filter((s) => s.done).length, current, complete: current === null };
}
