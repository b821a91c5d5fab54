// URL /entries/:entryId/forms/01.pdf and /02.pdf: the registration form and the product
// description of an entry, generated from what the producer typed (decision 028). For the
// entry's producer and the organisers of its round (entries/forms.server.ts); the producer
// prints it to sign, and may upload the signed scan, which then stands for it in the dossier.
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { getAuth } from "~/modules/auth/auth.server";
import { entryFormPrint } from "~/modules/entries/forms.server";
import { IdParam } from "~/modules/entries/schemas";
import { dossierFormFileName, renderDossierFormPdf } from "~/modules/print/dossier-forms-pdf.server";
import { pdfResponse, printErrorResponse } from "~/modules/print/pdf.server";
import { formOfNumber } from "~/modules/producers/forms";
import { parseParams } from "~/utils/http.server";

const Params = z.object({ entryId: IdParam, form: z.enum(["01", "02"]) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await getAuth(request);
  if (!auth) {
    const url = new URL(request.url);
    return redirect(`/login?redirectTo=${encodeURIComponent(url.pathname)}`);
  }
  try {
    const { entryId, form } = parseParams(Params, params, 404);
    // The paper is signed in Vietnamese whatever the interface language.
    const print = await entryFormPrint(auth, entryId, formOfNumber(form)!);
    return pdfResponse(await renderDossierFormPdf(print), dossierFormFileName(print));
  } catch (error) {
    return printErrorResponse(request, error);
  }
}
