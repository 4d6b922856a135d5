package dev.aino.a2a;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The push notification config methods' params and results in both versions. A2A 1.0 sends one flat
 * {@code TaskPushNotificationConfig} ({@code taskId}, {@code id}, {@code url}, {@code token},
 * {@code authentication: {scheme, credentials}}) and names a config by {@code taskId} and {@code
 * id}; 0.3 nests the config as {@code pushNotificationConfig} beside {@code taskId}, lists the
 * schemes as {@code authentication.schemes}, and names a config by {@code id} (the task's) and
 * {@code pushNotificationConfigId}. Every field is checked: an unknown one, a value of another
 * type, a URL that is not http or https or whose host is not allowed is refused naming its path.
 */
final class PushWire {
  /** The most push configs one task holds. */
  static final int MAX_PER_TASK = 10;

  private static final int MAX_URL = 2048;
  private static final int MAX_SECRET = 4096;
  private static final Pattern SCHEME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}");
  private static final Pattern PRINTABLE = Pattern.compile("[\\x20-\\x7E]*");

  private static final Set<String> CONFIG_1_0 =
      Set.of("tenant", "id", "taskId", "url", "token", "authentication");
  private static final Set<String> AUTH_1_0 = Set.of("scheme", "credentials");
  private static final Set<String> TASK_CONFIG_0_3 = Set.of("taskId", "pushNotificationConfig");
  private static final Set<String> CONFIG_0_3 = Set.of("id", "url", "token", "authentication");
  private static final Set<String> AUTH_0_3 = Set.of("schemes", "credentials");
  private static final Set<String> REF_1_0 = Set.of("tenant", "taskId", "id");
  private static final Set<String> LIST_1_0 = Set.of("tenant", "taskId", "pageSize", "pageToken");
  private static final Set<String> REF_0_3 = Set.of("id", "pushNotificationConfigId", "metadata");
  private static final Set<String> LIST_0_3 = Set.of("id", "metadata");

  private PushWire() {}

  /**
   * A config read from a request before its task is known: its id may be absent, and then the
   * task's id is its id (so that setting a config without an id again replaces it).
   */
  record Draft(
      String id, URI url, String token, String scheme, String credentials, A2aVersion version) {
    PushConfig forTask(String taskId) {
      return new PushConfig(id == null ? taskId : id, url, token, scheme, credentials, version);
    }
  }

  /** Which task a request is about, and which of its configs (null: not named). */
  record Ref(String taskId, String configId) {}

  /** A create (1.0) or set (0.3) request: the task and the config. */
  record Create(String taskId, Draft config) {}

  static Create create(JsonNode p, A2aVersion v, PushSettings push) {
    if (v == A2aVersion.V1_0) {
      Draft d = config10(p, "", push);
      return new Create(Wire.string(p, "taskId", true), d);
    }
    Wire.refuseUnknownFields(p, "", TASK_CONFIG_0_3);
    String taskId = Wire.string(p, "taskId", true);
    return new Create(taskId, config03(object(p, "pushNotificationConfig", true), push));
  }

  /**
   * The config a send carries in its {@code configuration} (1.0 {@code taskPushNotificationConfig},
   * 0.3 {@code pushNotificationConfig}), or null when it carries none.
   */
  static Draft inSend(JsonNode configuration, A2aVersion v, PushSettings push) {
    if (configuration == null || !configuration.isObject()) {
      return null;
    }
    String field = v == A2aVersion.V1_0 ? "taskPushNotificationConfig" : "pushNotificationConfig";
    JsonNode c = configuration.get(field);
    if (c == null || c.isNull()) {
      return null;
    }
    String path = "configuration." + field;
    if (!push.enabled()) {
      throw notSupported();
    }
    if (!c.isObject()) {
      throw A2aException.invalidParams(path, "must be an object");
    }
    return v == A2aVersion.V1_0 ? config10(c, path + ".", push) : config03(prefixed(c, path), push);
  }

  static Ref get(JsonNode p, A2aVersion v) {
    if (v == A2aVersion.V1_0) {
      Wire.refuseUnknownFields(p, "", REF_1_0);
      tenant(p, "");
      return new Ref(Wire.string(p, "taskId", true), Wire.string(p, "id", true));
    }
    Wire.refuseUnknownFields(p, "", REF_0_3);
    return new Ref(
        Wire.string(p, "id", true), blankAsNull(Wire.string(p, "pushNotificationConfigId", false)));
  }

  static String list(JsonNode p, A2aVersion v) {
    if (v == A2aVersion.V1_0) {
      Wire.refuseUnknownFields(p, "", LIST_1_0);
      tenant(p, "");
      JsonNode size = p.get("pageSize");
      if (size != null
          && !size.isNull()
          && (!size.isIntegralNumber() || size.asLong() < 0 || size.asLong() > 100)) {
        throw A2aException.invalidParams(
            "pageSize", "must be an integer from 0 to 100, got " + size);
      }
      String token = Wire.string(p, "pageToken", false);
      if (token != null && !token.isEmpty()) {
        throw A2aException.invalidParams(
            "pageToken",
            "is not a token this agent gave out; a task holds at most "
                + MAX_PER_TASK
                + " configs and they come in one page");
      }
      return Wire.string(p, "taskId", true);
    }
    Wire.refuseUnknownFields(p, "", LIST_0_3);
    return Wire.string(p, "id", true);
  }

  static Ref delete(JsonNode p, A2aVersion v) {
    if (v == A2aVersion.V1_0) {
      return get(p, v);
    }
    Wire.refuseUnknownFields(p, "", REF_0_3);
    return new Ref(Wire.string(p, "id", true), Wire.string(p, "pushNotificationConfigId", true));
  }

  /** A config as the version shows it. */
  static ObjectNode render(String taskId, PushConfig c, A2aVersion v) {
    ObjectNode n = Wire.F.objectNode();
    if (v == A2aVersion.V1_0) {
      n.put("id", c.id());
      n.put("taskId", taskId);
      fill(n, c, v);
      return n;
    }
    n.put("taskId", taskId);
    ObjectNode inner = n.putObject("pushNotificationConfig");
    inner.put("id", c.id());
    fill(inner, c, v);
    return n;
  }

  private static void fill(ObjectNode n, PushConfig c, A2aVersion v) {
    n.put("url", c.url().toString());
    if (c.token() != null) {
      n.put("token", c.token());
    }
    if (c.scheme() != null) {
      ObjectNode a = n.putObject("authentication");
      if (v == A2aVersion.V1_0) {
        a.put("scheme", c.scheme());
      } else {
        a.putArray("schemes").add(c.scheme());
      }
      if (c.credentials() != null) {
        a.put("credentials", c.credentials());
      }
    }
  }

  static A2aException notSupported() {
    return new A2aException(
        A2aErrorCode.PUSH_NOTIFICATION_NOT_SUPPORTED,
        "this server sends no push notifications: aino up allows them only to the hosts given with "
            + PushSettings.OPTION
            + ", and none was given. Follow a task with SendStreamingMessage or SubscribeToTask,"
            + " or poll GetTask");
  }

  // ---- the config of each version

  /** A 1.0 TaskPushNotificationConfig; {@code at} is the path of its fields ("" for params). */
  private static Draft config10(JsonNode c, String at, PushSettings push) {
    Wire.refuseUnknownFields(c, at, CONFIG_1_0);
    tenant(c, at);
    URI url = url(Wire.string(c, at + "url", true), at + "url", push);
    String token = secret(c, at + "token");
    String scheme = null;
    String credentials = null;
    JsonNode auth = c.get("authentication");
    if (auth != null && !auth.isNull()) {
      if (!auth.isObject()) {
        throw A2aException.invalidParams(at + "authentication", "must be an object");
      }
      Wire.refuseUnknownFields(auth, at + "authentication.", AUTH_1_0);
      scheme =
          scheme(
              Wire.string(auth, at + "authentication.scheme", true), at + "authentication.scheme");
      credentials = secret(auth, at + "authentication.credentials");
    }
    return new Draft(
        blankAsNull(Wire.string(c, at + "id", false)),
        url,
        token,
        scheme,
        credentials,
        A2aVersion.V1_0);
  }

  /** A 0.3 PushNotificationConfig, whose path the {@link Prefixed} carries. */
  private static Draft config03(Prefixed c, PushSettings push) {
    String at = c.path + ".";
    Wire.refuseUnknownFields(c.node, at, CONFIG_0_3);
    URI url = url(Wire.string(c.node, at + "url", true), at + "url", push);
    String token = secret(c.node, at + "token");
    String scheme = null;
    String credentials = null;
    JsonNode auth = c.node.get("authentication");
    if (auth != null && !auth.isNull()) {
      String ap = at + "authentication";
      if (!auth.isObject()) {
        throw A2aException.invalidParams(ap, "must be an object");
      }
      Wire.refuseUnknownFields(auth, ap + ".", AUTH_0_3);
      JsonNode schemes = auth.get("schemes");
      if (schemes == null || !schemes.isArray() || schemes.isEmpty()) {
        throw A2aException.invalidParams(ap + ".schemes", "must be a non-empty array of strings");
      }
      for (int i = 0; i < schemes.size(); i++) {
        if (!schemes.get(i).isTextual()) {
          throw A2aException.invalidParams(ap + ".schemes[" + i + "]", "must be a string");
        }
      }
      scheme = scheme(schemes.get(0).textValue(), ap + ".schemes[0]");
      credentials = secret(auth, ap + ".credentials");
    }
    return new Draft(
        blankAsNull(Wire.string(c.node, at + "id", false)),
        url,
        token,
        scheme,
        credentials,
        A2aVersion.V0_3);
  }

  private record Prefixed(JsonNode node, String path) {}

  private static Prefixed object(JsonNode p, String field, boolean required) {
    JsonNode n = p.get(field);
    if (n == null || n.isNull()) {
      if (required) {
        throw A2aException.invalidParams(field, "is required");
      }
      return null;
    }
    if (!n.isObject()) {
      throw A2aException.invalidParams(field, "must be an object");
    }
    return new Prefixed(n, field);
  }

  private static Prefixed prefixed(JsonNode n, String path) {
    return new Prefixed(n, path);
  }

  private static void tenant(JsonNode n, String at) {
    String tenant = Wire.string(n, at + "tenant", false);
    if (tenant != null && !tenant.isEmpty()) {
      throw A2aException.invalidParams(
          at + "tenant", "this agent has no tenants; leave it out, got " + tenant);
    }
  }

  private static URI url(String text, String path, PushSettings push) {
    if (text.length() > MAX_URL) {
      throw A2aException.invalidParams(path, "is longer than " + MAX_URL + " characters");
    }
    URI url;
    try {
      url = new URI(text);
    } catch (URISyntaxException e) {
      throw A2aException.invalidParams(path, "is not a URL: " + e.getReason());
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw A2aException.invalidParams(
          path, "must be an http or https URL, got " + (scheme.isEmpty() ? "none" : scheme));
    }
    if (url.getHost() == null) {
      throw A2aException.invalidParams(path, "names no host");
    }
    if (url.getRawUserInfo() != null) {
      throw A2aException.invalidParams(
          path, "must not carry credentials; put them in authentication.credentials");
    }
    if (url.getRawFragment() != null) {
      throw A2aException.invalidParams(path, "must not have a fragment");
    }
    push.check(url, path);
    return url;
  }

  private static String scheme(String s, String path) {
    if (!SCHEME.matcher(s).matches()) {
      throw A2aException.invalidParams(
          path, "must be an HTTP authentication scheme such as Bearer or Basic, got " + s);
    }
    return s;
  }

  /** An optional token or credential: printable ASCII, as an HTTP header value must be. */
  private static String secret(JsonNode n, String path) {
    String s = blankAsNull(Wire.string(n, path, false));
    if (s == null) {
      return null;
    }
    if (s.length() > MAX_SECRET) {
      throw A2aException.invalidParams(path, "is longer than " + MAX_SECRET + " characters");
    }
    if (!PRINTABLE.matcher(s).matches()) {
      throw A2aException.invalidParams(
          path, "must be printable ASCII: it is sent as an HTTP header value");
    }
    return s;
  }

  private static String blankAsNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
