package dev.aino.a2a;

/**
 * The agent's methods, with their JSON-RPC names in A2A 1.0 and 0.3 ({@code ListTasks} has none in
 * 0.3). A name of the other version is refused naming the header that selects it.
 */
enum Method {
  SEND("SendMessage", "message/send"),
  STREAM("SendStreamingMessage", "message/stream"),
  GET("GetTask", "tasks/get"),
  LIST("ListTasks", null),
  CANCEL("CancelTask", "tasks/cancel"),
  SUBSCRIBE("SubscribeToTask", "tasks/resubscribe"),
  PUSH_SET("CreateTaskPushNotificationConfig", "tasks/pushNotificationConfig/set"),
  PUSH_GET("GetTaskPushNotificationConfig", "tasks/pushNotificationConfig/get"),
  PUSH_LIST("ListTaskPushNotificationConfigs", "tasks/pushNotificationConfig/list"),
  PUSH_DELETE("DeleteTaskPushNotificationConfig", "tasks/pushNotificationConfig/delete"),
  EXTENDED_CARD("GetExtendedAgentCard", "agent/getAuthenticatedExtendedCard");

  private final String v10;
  private final String v03;

  Method(String v10, String v03) {
    this.v10 = v10;
    this.v03 = v03;
  }

  String name(A2aVersion v) {
    return v == A2aVersion.V1_0 ? v10 : v03;
  }

  /**
   * The method {@code name} means in {@code version}.
   *
   * @throws A2aException method not found, saying which version knows the name if one does
   */
  static Method of(String name, A2aVersion version) {
    for (Method m : values()) {
      if (name.equals(m.name(version))) {
        return m;
      }
    }
    for (Method m : values()) {
      A2aVersion other = version == A2aVersion.V1_0 ? A2aVersion.V0_3 : A2aVersion.V1_0;
      if (name.equals(m.name(other))) {
        throw new A2aException(
            A2aErrorCode.METHOD_NOT_FOUND,
            name
                + " is an A2A "
                + other.wire()
                + " method; this request speaks "
                + version.wire()
                + (other == A2aVersion.V1_0
                    ? " (no A2A-Version header); send A2A-Version: 1.0"
                    : "; send no A2A-Version header, or 0.3, for it")
                + (m.name(version) == null ? "" : ", or call " + m.name(version)));
      }
    }
    throw new A2aException(
        A2aErrorCode.METHOD_NOT_FOUND,
        "method " + name + " does not exist in A2A " + version.wire());
  }
}
