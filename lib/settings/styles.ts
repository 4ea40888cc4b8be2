// Highlight styles, apart from the zod schemas so the popup can use them without loading zod.
export const HIGHLIGHT_STYLES = ['background', 'underline', 'none'] as const;
export type HighlightStyle = (typeof HIGHLIGHT_STYLES)[number];
