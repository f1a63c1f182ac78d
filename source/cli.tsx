// Parses the command line and picks the mode: dashboard, pipe, serve or config.
console.log('trendtui: not built yet');
