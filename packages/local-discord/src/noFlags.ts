/** Zero, typed as a plain number so it fits bitfield enums (which have no zero member). */
export const NO_FLAGS: number = 0;
