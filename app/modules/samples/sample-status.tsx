// The sample's status where a judge scores (issue #14): whether it arrived, its condition and the
// tasting number of the judge's panel; and the producer's view of their own sample. Only what
// getJudgeSample / getProducerSample return reaches these components.
import { formatDateTime } from "~/utils/dates";
import { useT } from "~/utils/i18n";
import { conditionKey, endKey, sampleItemDone, sampleStatusKey, type SampleConditionName, type SampleEndName, type SampleStatus } from "./samples";

export interface JudgeSampleView {
  status: SampleStatus;
  condition: SampleConditionName | null;
  tastingNumber: number | null;
}

export function JudgeSampleStatus({ sample }: { sample: JudgeSampleView | null }) {
  const t = useT();
  if (!sample) return null;
  return (
    <section className="card stack" aria-labelledby="sample-h">
      <h2 id="sample-h" className="h3">
        {t("samples.judge.title")}
      </h2>
      <dl className="facts">
        <div>
          <dt>{t("samples.judge.number")}</dt>
          <dd>{sample.tastingNumber === null ? t("samples.judge.noNumber") : <strong>{sample.tastingNumber}</strong>}</dd>
        </div>
        <div>
          <dt>{t("samples.judge.status")}</dt>
          <dd>
            {t(sampleStatusKey(sample.status))}
            {sample.condition ? ` · ${t(conditionKey(sample.condition))}` : ""}
          </dd>
        </div>
      </dl>
    </section>
  );
}

export interface ProducerSampleView {
  unitsPerEntry: number;
  receivingPlace: string | null;
  deadline: Date | string | null;
  status: SampleStatus;
  receipt: { receivedAt: Date | string; units: number; condition: SampleConditionName; endAction: SampleEndName | null; endedAt: Date | string | null } | null;
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
          <span aria-hidden="true">{done ? "✔" : "✘"}</span> {t("samples.producer.item")}: <strong>{t(sampleStatusKey(sample.status))}</strong>
        </li>
      </ul>
      <p>{t("samples.producer.ask", { units: sample.unitsPerEntry, place: sample.receivingPlace ?? "", date: formatDateTime(sample.deadline) })}</p>
      {sample.receipt ? (
        <p>
          {t("samples.producer.receivedOn", { date: formatDateTime(sample.receipt.receivedAt), units: sample.receipt.units, condition: t(conditionKey(sample.receipt.condition)) })}
          {sample.receipt.endAction && sample.receipt.endedAt ? (
            <> {t("samples.end.done", { action: t(endKey(sample.receipt.endAction)), date: formatDateTime(sample.receipt.endedAt) })}</>
          ) : null}
        </p>
      ) : null}
    </section>
  );
}
