// URL /admin/rounds/:roundId/jury: the round's jury (Ban giám khảo) and council (Hội đồng bình
// chọn) for its organisers: invitations by email, members and their roles, panels (tiểu ban),
// conflicts of interest and the judging settings, one file per task in this folder. Every form posts and works without JavaScript;
// one member or panel is edited at a time (?member=… / ?panel=…). Rules: jury.server.ts.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireAuth } from "~/modules/auth/auth.server";
import {
  ConflictSchema,
  DeletePanelSchema,
  InviteMemberSchema,
  judgingSettingsFromForm,
  JudgingSettingsSchema,
  PanelSchema,
  RemoveConflictSchema,
  RemoveMemberSchema,
  UpdateMemberSchema,
} from "~/modules/judging/jury-schemas";
import {
  createPanel,
  deletePanel,
  getJuryPage,
  inviteJuryMember,
  recordConflict,
  removeConflict,
  removeJuryMember,
  updateJudgingSettings,
  updateJuryMember,
  updatePanel,
} from "~/modules/judging/jury.server";
import { roundForm } from "~/modules/rounds/round-action.server";
import { RoundIdParam } from "~/modules/rounds/schemas";
import { submitForm } from "~/utils/forms.server";
import { httpError, mapDomainErrors, parseParams } from "~/utils/http.server";
import { useT, type MessageKey } from "~/utils/i18n";
import type { Toast } from "~/utils/toast.server";
import { Conflicts } from "./conflicts";
import { EditMember, InviteForm, MembersTable } from "./members";
import { Panels } from "./panels";
import { SettingsForm } from "./settings-form";
import { pageMeta } from "~/utils/meta";
import { BackLink } from "~/components/back-link";

export const meta = pageMeta<typeof loader>(({ t, data }) => ({ title: [t("jury.page.title"), data?.round.name] }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireAuth(request);
  const { roundId } = parseParams(RoundIdParam, params, 404);
  const page = await mapDomainErrors(() => getJuryPage(auth, roundId));
  const url = new URL(request.url);
  const memberId = url.searchParams.get("member");
  const panelId = url.searchParams.get("panel");
  return {
    ...page,
    // Looked up among the round's own rows: an id from another round, or no id at all, finds nothing.
    editMember: (memberId && page.members.find((m) => m.id === memberId)) || null,
    editPanel: (panelId && page.panels.find((p) => p.id === panelId)) || null,
  };
}

export async function action(args: ActionFunctionArgs) {
  const { auth, roundId, formData, intent, meta, t } = await roundForm(args);
  const here = `/admin/rounds/${roundId}/jury`;
  const ok = (messageKey: MessageKey, hash: string, params?: Toast["params"]) => ({
    to: `${here}#${hash}`,
    toast: { kind: "success" as const, messageKey, params },
  });

  switch (intent) {
    case "invite":
      return submitForm("invite", formData, InviteMemberSchema, t, async (v) => {
        await inviteJuryMember(
          auth,
          roundId,
          {
            email: v.email,
            name: v.name,
            title: v.title,
            panelId: v.panelId,
            isJudge: v.isJudge,
            councilRole: v.councilRole,
          },
          meta,
        );
        return ok("jury.invite.done", "invite", { email: v.email });
      });
    case "updateMember":
      return submitForm("updateMember", formData, UpdateMemberSchema, t, async (v) => {
        await updateJuryMember(auth, roundId, v.memberId, v, meta);
        return ok("jury.member.saved", "members");
      });
    case "removeMember":
      return submitForm("removeMember", formData, RemoveMemberSchema, t, async (v) => {
        await removeJuryMember(auth, roundId, v.memberId, meta);
        return ok("jury.member.removed", "members");
      });
    case "createPanel":
    case "updatePanel":
      return submitForm(intent, formData, PanelSchema, t, async (v) => {
        if (v.intent === "updatePanel") {
          if (!v.panelId) httpError(400, "error.400");
          await updatePanel(auth, roundId, v.panelId, v, meta);
        } else {
          await createPanel(auth, roundId, v, meta);
        }
        return ok(v.intent === "updatePanel" ? "jury.panel.saved" : "jury.panel.created", "panels", { name: v.name });
      });
    case "deletePanel":
      return submitForm("deletePanel", formData, DeletePanelSchema, t, async (v) => {
        await deletePanel(auth, roundId, v.panelId, meta);
        return ok("jury.panel.deleted", "panels");
      });
    case "settings":
      return submitForm("settings", formData, JudgingSettingsSchema, t, async (v) => {
        await updateJudgingSettings(auth, roundId, judgingSettingsFromForm(v), meta);
        return ok("jury.settings.saved", "settings");
      });
    case "addConflict":
      return submitForm("addConflict", formData, ConflictSchema, t, async (v) => {
        await recordConflict(auth, roundId, v, meta);
        return ok("jury.conflict.recorded", "conflicts");
      });
    case "removeConflict":
      return submitForm("removeConflict", formData, RemoveConflictSchema, t, async (v) => {
        await removeConflict(auth, roundId, v.conflictId, meta);
        return ok("jury.conflict.removed", "conflicts");
      });
    default:
      httpError(400, "error.400");
  }
}

export default function JuryPage() {
  const t = useT();
  const page = useLoaderData<typeof loader>();
  const { round } = page;
  // Ordered by how often each task comes up: inviting and managing members first, the settings
  // (chosen once per round) last.
  const sections = [
    { id: "invite", label: t("jury.invite.title") },
    { id: "members", label: t("jury.members.title") },
    { id: "panels", label: t("jury.panels.title") },
    { id: "conflicts", label: t("jury.conflicts.title") },
    { id: "settings", label: t("jury.settings.title") },
  ];
  return (
    <div className="stack-lg">
      <BackLink to={`/admin/rounds/${round.id}`}>{round.name}</BackLink>
      <div className="stack">
        <h1>{t("jury.page.title")}</h1>
        <p>
          {round.name} · <span className="badge">{t(`rounds.status.${round.status}` as MessageKey)}</span>
        </p>
        {!page.editable.jury ? <p className="notice notice-info">{t("jury.page.closed")}</p> : null}
        <nav aria-label={t("jury.page.sections")}>
          <ul className="inline-list">
            {sections.map((s) => (
              <li key={s.id}>
                <a href={`#${s.id}`}>{s.label}</a>
              </li>
            ))}
            <li>
              <Link to={`/admin/rounds/${round.id}/assignments`}>{t("jury.assign.title")}</Link>
            </li>
          </ul>
        </nav>
      </div>

      <section className="card stack" id="invite" aria-labelledby="invite-h">
        <h2 id="invite-h">{t("jury.invite.title")}</h2>
        {/* A new key once the member list changes (an invitation went through): the form starts
            empty for the next person instead of keeping the last email. */}
        <InviteForm key={page.members.map((m) => m.id).join()} panels={page.panels} editable={page.editable.jury} />
      </section>

      <section className="stack" id="members" aria-labelledby="members-h">
        <h2 id="members-h">{t("jury.members.title")}</h2>
        <p className="hint">{t("jury.members.hint")}</p>
        <MembersTable members={page.members} roundId={round.id} />
        {page.editMember ? (
          <EditMember
            key={page.editMember.id}
            member={page.editMember}
            panels={page.panels}
            provinces={page.provinces}
            roundId={round.id}
            editable={page.editable.jury}
          />
        ) : null}
      </section>

      <section className="stack" id="panels" aria-labelledby="panels-h">
        <h2 id="panels-h">{t("jury.panels.title")}</h2>
        <Panels
          panels={page.panels}
          groups={page.groups}
          editPanel={page.editPanel}
          roundId={round.id}
          editable={page.editable.jury}
        />
      </section>

      <section className="stack" id="conflicts" aria-labelledby="conflicts-h">
        <h2 id="conflicts-h">{t("jury.conflicts.title")}</h2>
        <Conflicts page={page} />
      </section>

      <section className="card stack" id="settings" aria-labelledby="settings-h">
        <h2 id="settings-h">{t("jury.settings.title")}</h2>
        <SettingsForm
          key={
            String(round.blindJudging) +
            round.tieBreak +
            round.spreadLimit +
            round.scoringPasses +
            (round.councilName ?? "")
          }
          round={round}
          editable={page.editable.settings}
        />
      </section>
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
