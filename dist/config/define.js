function defineConfig(config) {
  return config;
}
export {
  defineConfig
};
