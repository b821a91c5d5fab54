// A new producer's first steps (app/modules/producers/onboarding.ts) and the role landing.
import type { onboarding as vi } from "../vi/onboarding";

export const onboarding: Record<keyof typeof vi, string> = {
  "onboarding.title": "Your first steps",
  "onboarding.progress": "{done} of {total} steps done",
  "onboarding.step.establishment": "Establishment",
  "onboarding.step.product": "Product",
  "onboarding.step.dossier": "Photos and documents",
  "onboarding.step.round": "An open round",
  "onboarding.hint.establishment":
    "Start with the details on your business registration certificate: its number, date and issuer.",
  "onboarding.hint.product": "Describe the product (or product set) you want to enter.",
  "onboarding.hint.dossier":
    "At least 3 colour photos taken from the front, the side and the top, and a copy of the business registration certificate (group B: also the food-safety certificate).",
  "onboarding.hint.round":
    "Choose the open round of the province or city where your establishment is based, then submit your entry.",
  "onboarding.state.done": "done",
  "onboarding.state.current": "current step",
  "onboarding.state.todo": "to do",
  "onboarding.continue": "Continue: {step}",
};
