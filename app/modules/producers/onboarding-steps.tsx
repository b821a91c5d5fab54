// The producer's first steps as an ordered list of links, the current one marked (aria-current
// "step") and the progress said in words; plain HTML and CSS, no client JavaScript.
import { Link } from "@remix-run/react";
import { useT, type MessageKey } from "~/utils/i18n";
import type { Onboarding } from "./onboarding";

export function OnboardingSteps({ walk }: { walk: Onboarding }) {
  const t = useT();
  const total = walk.steps.length;
  return (
    <nav className="card onboarding" aria-labelledby="onboarding-h">
      <h2 id="onboarding-h">{t("onboarding.title")}</h2>
      <p className="muted" id="onboarding-progress">
        {t("onboarding.progress", { done: walk.doneCount, total })}
      </p>
      <progress max={total} value={walk.doneCount} aria-labelledby="onboarding-progress" />
      <ol className="onboarding-steps">
        {walk.steps.map((step, i) => {
          const state = step.done ? "done" : step.current ? "current" : "todo";
          return (
            <li key={step.key} className={`onboarding-step onboarding-${state}`}>
              <Link to={step.href} aria-current={step.current ? "step" : undefined}>
                <span className="onboarding-mark" aria-hidden="true">
                  {step.done ? "✓" : i + 1}
                </span>
                <span>
                  {t(`onboarding.step.${step.key}` as MessageKey)}
                  <span className="sr-only"> ({t(`onboarding.state.${state}` as MessageKey)})</span>
                </span>
              </Link>
              {step.current ? (
                <p className="onboarding-hint">{t(`onboarding.hint.${step.key}` as MessageKey)}</p>
              ) : null}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
