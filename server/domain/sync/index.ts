export * from "./config";
export * from "./interfaces";
export * from "./plan";
export * from "./watermark";
