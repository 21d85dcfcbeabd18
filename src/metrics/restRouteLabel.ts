/**
 * A REST route as a metric label. discord.js's bucket route (`request.route` of its Response
 * event) already has the ids of 17 to 19 digits replaced by `:id`, a reaction's emoji by
 * `:reaction` and a webhook's or interaction's token by `:token`; a path segment still holding
 * digits (a longer id, say) is replaced here too, so that no id becomes a label value.
 */
export function restRouteLabel(route: string): string {
  const path = route.split("?")[0] ?? "";
  return path
    .split("/")
    .map((segment) => (/\d/.test(segment) ? ":id" : segment))
    .join("/");
}
