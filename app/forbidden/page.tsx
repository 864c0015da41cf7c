import Link from "next/link";
import { getT } from "@/server/i18n/locale";

export const dynamic = "force-dynamic";

export default async function ForbiddenPage() {
  const { t } = await getT();
  return (
    <main id="main" className="mx-auto mt-24 max-w-md rounded-lg border border-slate-200 bg-white p-8 text-center shadow-sm">
      <h1 className="text-xl font-semibold text-red-700">{t("forbidden.title")}</h1>
      <p className="mt-3 text-slate-600" role="status">{t("forbidden.body")}</p>
      <Link href="/" className="mt-6 inline-block rounded bg-brand-700 px-4 py-2 text-white hover:bg-brand-800">{t("forbidden.back")}</Link>
    </main>
  );
}
