// The sample's status where a judge scores (issue #14): whether it arrived, its condition and the
// tasting number of the judge's panel; and the producer's view of their own sample. Only what
// getJudgeSample / getProducerSample return reaches these components.
import { formatDateTime } from "~/utils/dates";
import { useT } from "~/utils/i18n";
import {
  conditionKey,
  endKey,
  sampleItemDone,
  sampleStatusKey,
  type SampleConditionName,
  type SampleEndName,
  type SampleStatus,
} from "./samples";

export interface JudgeSampleView {
  status: SampleStatus;
  condition: SampleConditionName | null;
  tastingNumber: number | null;
}

/**
 * One line in the sheet's header, not a card: the first score must stay on a phone's first screen
 * (tests/e2e/judge-sheet-phone.spec.ts), and the judge needs only the number and the state.
 */
export function JudgeSampleStatus({ sample }: { sample: JudgeSampleView | null }) {
  const t = useT();
  if (!sample) return null;
  return (
    <p className="sample-line">
      <span className="muted">{t("samples.judge.title")}:</span> {t("samples.judge.number")}{" "}
      {sample.tastingNumber === null ? t("samples.judge.noNumber") : <strong>{sample.tastingNumber}</strong>} ·{" "}
      {t("samples.judge.status")}: {t(sampleStatusKey(sample.status))}
      {sample.condition ? ` · ${t(conditionKey(sample.condition))}` : ""}
    </p>
  );
}

export interface ProducerSampleView {
  unitsPerEntry: number;
  receivingPlace: string | null;
  deadline: Date | string | null;
  status: SampleStatus;
  receipt: {
    receivedAt: Date | string;
    units: number;
    condition: SampleConditionName;
    endAction: SampleEndName | null;
    endedAt: Date | string | null;
  } | null;
}

export function ProducerSampleStatus({ sample }: { sample: ProducerSampleView | null }) {
  const t = useT();
  if (!sample) return null;
  const done = sampleItemDone(sample.status);
  return (
    <section className="card stack" aria-labelledby="sample-h">
      <h2 id="sample-h">{t("samples.producer.title")}</h2>
      <ul className="checklist">
        <li className={done ? "ok" : "missing"}>
          <span aria-hidden="true">{done ? "✔" : "✘"}</span> {t("samples.producer.item")}:{" "}
          <strong>{t(sampleStatusKey(sample.status))}</strong>
        </li>
      </ul>
      <p>
        {t("samples.producer.ask", {
          units: sample.unitsPerEntry,
          place: sample.receivingPlace ?? "",
          date: formatDateTime(sample.deadline),
        })}
      </p>
      {sample.receipt ? (
        <p>
          {t("samples.producer.receivedOn", {
            date: formatDateTime(sample.receipt.receivedAt),
            units: sample.receipt.units,
            condition: t(conditionKey(sample.receipt.condition)),
          })}
          {sample.receipt.endAction && sample.receipt.endedAt ? (
            <>
              {" "}
              {t("samples.end.done", {
                action: t(endKey(sample.receipt.endAction)),
                date: formatDateTime(sample.receipt.endedAt),
              })}
            </>
          ) : null}
        </p>
      ) : null}
    </section>
  );
}
