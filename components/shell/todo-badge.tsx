"use client";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";

export function TodoBadge() {
  const trpc = useTRPC();
  const { data } = useQuery({ ...trpc.workspace.todoCount.queryOptions(), refetchInterval: 60_000 });
  if (!data) return null;
  return <span className="ml-2 rounded-full bg-brand-700 px-2 text-xs text-white" data-testid="todo-count">{data.count}</span>;
}
