/**
 * How many cuts a break counts for when it leaves a delimiter or a block marker (`> `, `**`)
 * on a page without the text it formats: alone it reads as text wherever it is, so such a break
 * weighs more than one through a span and the embedding in it, which are carried and read as
 * meant.
 */
export const LONE_DELIMITER_WEIGHT = 3;
