import Link from "next/link";
import { getT } from "@/server/i18n/locale";

export default async function NotFound() {
  const { t } = await getT();
  return (
    <main id="main" className="mx-auto mt-24 max-w-md rounded-lg border border-slate-200 bg-white p-8 text-center">
      <h1 className="text-xl font-semibold">{t("notFound.title")}</h1>
      <Link href="/" className="mt-6 inline-block text-brand-700 underline">{t("forbidden.back")}</Link>
    </main>
  );
}
