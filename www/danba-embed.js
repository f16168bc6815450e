// Deprecated: the script embed's name before the product had a neutral one.
// Codes pasted into articles then load this file; it only forwards to
// `article-charts-embed.js` beside it, whose chart elements, `mount` and
// `unmount` it re-exports, so those articles keep working unchanged. New
// codes load `article-charts-embed.js` directly.
export * from './article-charts-embed.js';
