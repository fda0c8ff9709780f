export * from "./access";
export * from "./errors";
export * from "./fields";
export * from "./frames";
export * from "./http";
export * from "./limits";
export * from "./model";
export * from "./version";
