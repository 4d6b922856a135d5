package dev.aino.intent;

import dev.aino.error.ValidationException;
import java.net.URI;
import java.time.Duration;

/**
 * Which LLM reads intents.
 *
 * @param provider the API it speaks
 * @param model the model name, e.g. {@code gpt-4o-mini} or {@code claude-sonnet-4-5}
 * @param baseUrl where the API is; null for the provider's public endpoint. An OpenAI-compatible
 *     URL also serves Ollama ({@code http://127.0.0.1:11434/v1}) and vLLM
 * @param apiKey the key, never logged; may be empty for local servers that need none
 * @param timeout how long one answer may take before the offline reader takes over
 */
public record LlmSettings(
    Provider provider, String model, String baseUrl, String apiKey, Duration timeout) {

  /** The APIs the engine speaks. */
  public enum Provider {
    /** The OpenAI chat completions API, and every server that copies it. */
    OPENAI,
    /** The Anthropic messages API. */
    ANTHROPIC
  }

  public LlmSettings {
    if (provider == null) {
      throw new ValidationException("--llm-provider", "is required: openai or anthropic");
    }
    if (model == null || model.isBlank()) {
      throw new ValidationException("--llm-model", "is required with --llm-provider");
    }
    if (baseUrl != null) {
      URI uri;
      try {
        uri = URI.create(baseUrl);
      } catch (IllegalArgumentException e) {
        throw new ValidationException("--llm-base-url", "is not a URL: " + baseUrl);
      }
      if (uri.getScheme() == null
          || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
          || uri.getHost() == null) {
        throw new ValidationException(
            "--llm-base-url", "must be an http:// or https:// URL, got " + baseUrl);
      }
    }
    apiKey = apiKey == null ? "" : apiKey.strip();
    timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
  }

  @Override
  public String toString() {
    // The key stays out of logs and error messages.
    return provider.name().toLowerCase(java.util.Locale.ROOT)
        + " "
        + model
        + (baseUrl == null ? "" : " at " + baseUrl);
  }
}
