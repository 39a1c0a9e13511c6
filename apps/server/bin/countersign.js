#!/usr/bin/env node
// Runs the TypeScript CLI from source: workspaces are consumed unbuilt (ARCHITECTURE.md).
import { register } from "tsx/esm/api";

register();
await import("../src/cli/main.ts");
