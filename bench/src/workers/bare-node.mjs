// A Node process that does nothing: what the runtime alone costs in RSS on
// this machine, so the download figures show what is ours.
console.log(JSON.stringify({ peakRssBytes: process.resourceUsage().maxRSS * 1024 }));
