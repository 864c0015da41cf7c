import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { createCaller } from "./root";
import { createContext } from "./context";

/** tRPC caller for server components: the same procedures, checks and error mapping as over HTTP. */
export const serverCaller = cache(async () => createCaller(await createContext(await headers())));
