"use client";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { useT } from "@/components/i18n/provider";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";

/** Starts an application for a customer and opens it (rater: bank channel; applicant: portal). */
export function StartRatingButton({ customerId, area }: { customerId: string; area: "staff" | "portal" }) {
  const t = useT();
  const trpc = useTRPC();
  const router = useRouter();
  const create = useMutation(trpc.applications.create.mutationOptions());
  return (
    <div className="space-y-2">
      <Button
        type="button"
        data-testid="start-rating"
        disabled={create.isPending}
        onClick={async () => {
          const { id } = await create.mutateAsync({ customerId });
          router.push(area === "staff" ? `/ratings/${id}` : `/portal/applications/${id}`);
        }}
      >
        {t(area === "staff" ? "workflow.newRating" : "workflow.apply")}
      </Button>
      {create.error ? <Alert>{create.error.message}</Alert> : null}
    </div>
  );
}
