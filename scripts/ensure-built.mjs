// Benchmarks run the built core: install and build first, as `npm start` does.
import { build, ensureDependencies } from "./lib/prepare.mjs";

ensureDependencies();
build();
