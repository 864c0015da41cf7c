import { notFound } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { requirePagePermission } from "@/server/auth/guards";
import { serverCaller } from "@/server/api/server-caller";
import { getT } from "@/server/i18n/locale";
import { Alert, Card, PageTitle } from "@/components/ui/card";
import { StatementTables } from "@/components/customers/statement-tables";
import { StartRatingButton } from "@/components/ratings/start-button";
import { RegradeForm } from "@/components/ratings/regrade-form";
import { can } from "@/server/domain/authz/permissions";

export const dynamic = "force-dynamic";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function CustomerPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePagePermission("customer.read", `/customers/${id}`);
  if (!UUID.test(id)) notFound();
  const { t, locale } = await getT();
  let customer;
  try {
    customer = await (await serverCaller()).customers.get({ id });
  } catch (e) {
    if (e instanceof TRPCError && e.code === "NOT_FOUND") notFound();
    if (e instanceof TRPCError && e.code === "FORBIDDEN") {
      return (
        <div data-testid="customer-refused">
          <PageTitle>{t("forbidden.title")}</PageTitle>
          <Alert>{t("error.OUT_OF_SCOPE")}</Alert>
        </div>
      );
    }
    throw e;
  }
  const money = (v: string | null) => (v == null ? "—" : Number(v).toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
  const rows: [string, React.ReactNode][] = [
    [t("customers.code"), customer.code],
    [t("customers.type"), t(`customerType.${customer.type}`)],
    [t("customers.institution"), locale === "zh" ? customer.institution.nameZh : customer.institution.nameEn],
    [t("customers.manager"), customer.managerName ?? "—"],
    [t("customers.industry"), customer.industryCode ?? "—"],
    [t("customers.region"), customer.regionCode ?? "—"],
    [t("customers.grade"), customer.currentGrade ?? "—"],
    [t("customers.expires"), customer.currentRatingExpiresOn ?? "—"],
  ];
  if (customer.type === "individual") {
    rows.push([t("customers.idNumber"), customer.idNumber ?? "—"], [t("customers.birthDate"), customer.birthDate ?? "—"], [t("customers.occupation"), customer.occupation ?? "—"], [t("customers.annualIncome"), money(customer.annualIncome)]);
  } else {
    rows.push([t("customers.creditCode"), customer.creditCode ?? "—"], [t("customers.registeredCapital"), money(customer.registeredCapital)], [t("customers.establishedOn"), customer.establishedOn ?? "—"], [t("customers.group"), customer.groupFlag ? t("common.yes") : t("common.no")]);
  }
  return (
    <div data-testid="customer-detail">
      <PageTitle subtitle={customer.code}>{customer.name}</PageTitle>
      {can(user.role, "rating.create") ? <div className="mb-4"><StartRatingButton customerId={customer.id} area="staff" /></div> : null}
      <div className="grid gap-6 lg:grid-cols-3">
        <Card title={t("customers.title")} className="lg:col-span-2">
          <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
            {rows.map(([k, v]) => (
              <div key={k} className="flex justify-between gap-4 border-b border-slate-100 py-1">
                <dt className="text-slate-500">{k}</dt>
                <dd className="text-right font-medium">{v}</dd>
              </div>
            ))}
          </dl>
        </Card>
        <Card title={t("customers.creditHistory")}>
          {customer.creditHistory ? (
            <dl className="space-y-2 text-sm">
              <div className="flex justify-between"><dt className="text-slate-500">{t("customers.overdueCount")}</dt><dd>{customer.creditHistory.overdueCount24m}</dd></div>
              <div className="flex justify-between"><dt className="text-slate-500">{t("customers.worstDpd")}</dt><dd>{customer.creditHistory.worstDaysPastDue24m}</dd></div>
              <div className="flex justify-between"><dt className="text-slate-500">{t("customers.defaults")}</dt><dd>{customer.creditHistory.defaultsEver}</dd></div>
              <div className="flex justify-between"><dt className="text-slate-500">{t("customers.existingDebt")}</dt><dd className="tabular-nums">{money(customer.creditHistory.existingDebt)}</dd></div>
            </dl>
          ) : (
            <p className="text-sm text-slate-500">{t("common.noData")}</p>
          )}
        </Card>
      </div>
      {can(user.role, "rating.regrade") && customer.currentRatingId && customer.currentGrade ? (
        <div className="mt-6">
          <Card title={`${t("workflow.currentRating")}: ${customer.currentGrade}`}>
            <RegradeForm ratingId={customer.currentRatingId} currentGrade={customer.currentGrade} />
          </Card>
        </div>
      ) : null}
      {customer.statements.length ? (
        <div className="mt-6">
          <Card title={t("customers.statements")}>
            <StatementTables statements={customer.statements} locale={locale} />
          </Card>
        </div>
      ) : null}
    </div>
  );
}
