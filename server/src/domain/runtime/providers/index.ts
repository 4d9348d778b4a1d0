export { createProvider, type AgentLlmSettings, type ProviderDefaults } from './provider-factory';
export { createOpenAiProvider, type OpenAiProviderOptions } from './openai.provider';
export { createOfflineProvider, OFFLINE_FALLBACK_REPLY, type OfflineProviderOptions } from './offline.provider';
