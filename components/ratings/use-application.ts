"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";

/** The application dossier plus its mutations; every mutation refreshes the dossier (new version, actions). */
export function useApplication(id: string) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const query = useQuery(trpc.applications.get.queryOptions({ id }));
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.applications.get.queryKey({ id }) });
  const opts = { onSettled: refresh };
  return {
    query,
    saveInputs: useMutation(trpc.applications.saveInputs.mutationOptions(opts)),
    runRating: useMutation(trpc.applications.runSystemRating.mutationOptions(opts)),
    saveEvaluation: useMutation(trpc.applications.saveEvaluation.mutationOptions(opts)),
    act: useMutation(trpc.applications.act.mutationOptions(opts)),
  };
}
