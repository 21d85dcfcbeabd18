/** The accent colour of the bot's embeds. */
export const ACCENT = 0x8b5cf6;

export const wholeNumber = new Intl.NumberFormat("en");

export const percent = new Intl.NumberFormat("en", { style: "percent", maximumFractionDigits: 0 });
