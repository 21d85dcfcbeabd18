/**
 * Which way the bot's code may depend, checked in `npm test` (`npm run deps`): inward, from the
 * wiring at the top to the pure core at the bottom.
 *
 *   wiring (app, index, shard, sandbox, …) → commands, scheduler, reactions → views, store → core
 *
 * The metrics (src/metrics) stand beside the features: the dispatcher and the drops declare
 * observers, which the metrics implement and the wiring connects.
 *
 * The local Discord (packages/local-discord) is a test and sandbox fake: it imports nothing from
 * the bot, and only the sandbox, the tests and the benchmarks import it.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "core-is-pure",
      comment: "src/core has no I/O, no discord.js and no clock: it imports only itself.",
      severity: "error",
      from: { path: "^src/core/" },
      to: { path: "^src/(?!core/|types/)" },
    },
    {
      name: "core-without-discord-or-io",
      comment: "src/core uses neither discord.js nor Node's I/O.",
      severity: "error",
      from: { path: "^src/core/" },
      to: {
        path: "^(discord\\.js|@discordjs/|better-sqlite3|node-cron|ws)|^node:(fs|net|http|https|child_process|worker_threads)",
        dependencyTypes: ["npm", "core"],
      },
    },
    {
      name: "store-on-core",
      comment: "src/store maps rows to the core's domain types and nothing else.",
      severity: "error",
      from: { path: "^src/store/" },
      to: { path: "^src/(?!store/|core/|types/)" },
    },
    {
      name: "views-on-core",
      comment: "src/views build what members see from the core's types.",
      severity: "error",
      from: { path: "^src/views/" },
      to: { path: "^src/(?!views/|core/|types/)" },
    },
    {
      name: "features-not-on-each-other",
      comment: "scheduler and reactions do not reach into commands, nor into each other.",
      severity: "error",
      from: { path: "^src/(scheduler|reactions)/" },
      to: { path: "^src/commands/" },
    },
    {
      name: "features-not-on-wiring",
      comment: "commands, scheduler and reactions never import the wiring above them.",
      severity: "error",
      from: { path: "^src/(commands|scheduler|reactions|views|store|core|cron|metrics)/" },
      to: {
        path: "^src/(app|index|shard|deployCommands|preview|maintenance|monitorBot)\\.ts$|^src/sandbox/",
      },
    },
    {
      name: "features-not-on-metrics",
      comment:
        "The features know nothing of the metrics: they tell an observer they declare, which app.ts connects to them.",
      severity: "error",
      from: { path: "^src/(commands|scheduler|reactions|views|store|core|cron|story)/" },
      to: { path: "^src/metrics/" },
    },
    {
      name: "metrics-on-observers",
      comment:
        "src/metrics counts what it is told and reads what it is given: of the bot it imports only the observers it implements, the settings' error and the logger's type.",
      severity: "error",
      from: { path: "^src/metrics/" },
      to: {
        path: "^src/(?!metrics/|types/|config\\.ts$|logger\\.ts$|commands/InteractionObserver\\.ts$|scheduler/DropObserver\\.ts$)",
      },
    },
    {
      name: "metrics-on-observer-types",
      comment: "The observers are interfaces: src/metrics imports them as types only.",
      severity: "error",
      from: { path: "^src/metrics/" },
      to: { path: "^src/(commands|scheduler)/", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "config-not-on-features",
      comment: "Configuration is read before anything runs: it depends on no feature.",
      severity: "error",
      from: { path: "^src/config\\.ts$" },
      to: { path: "^src/(commands|scheduler|reactions|views|store|metrics)/" },
    },
    {
      name: "local-discord-apart",
      comment: "The local Discord (packages/local-discord) imports nothing from the bot.",
      severity: "error",
      from: { path: "^packages/local-discord/" },
      to: { path: "^(src|test|bench)/" },
    },
    {
      name: "local-discord-not-on-discord-js",
      comment:
        "The local Discord takes Discord's types and enums from discord-api-types, not from discord.js, the client it exists to test.",
      severity: "error",
      from: { path: "^packages/local-discord/src/" },
      to: { path: "^node_modules/(discord\\.js|@discordjs)/" },
    },
    {
      name: "bot-not-on-local-discord",
      comment:
        "Only the wiring (sandbox, tests) may start the local Discord; the bot never needs it.",
      severity: "error",
      from: { path: "^src/(?!sandbox/)" },
      to: { path: "^packages/local-discord/" },
    },
    {
      name: "no-circular",
      comment: "No import cycles (a cycle of type-only imports does not run, and is allowed).",
      severity: "error",
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      extensions: [".ts", ".js"],
      exportsFields: ["exports"],
      conditionNames: ["import", "node", "default"],
    },
  },
};
