export { rate } from "@/server/domain/scoring/engine";
