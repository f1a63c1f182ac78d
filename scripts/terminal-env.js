// The environment a script gives the program it runs in a pseudo-terminal: the user's own, less
// what would change what is measured or drawn (a token switches the source away from the demo,
// CI makes Ink draw only the last frame, NO_COLOR/FORCE_COLOR change colours), with a terminal
// type and a config directory of the script's own, so its keys never touch the user's config.
const UNWANTED = /TOKEN|^(CI|NO_COLOR|FORCE_COLOR|NODE_ENV)$/;

export function terminalEnv(configDir, extra = {}) {
  return {
    ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !UNWANTED.test(key))),
    TERM: 'xterm-256color',
    CI: 'false',
    XDG_CONFIG_HOME: configDir,
    ...extra,
  };
}
