package dev.aino.console;

import dev.aino.api.Caller;

/**
 * What every page's frame needs: its title, which navigation entry is current, who is looking, and
 * what they may change (a viewer sees every page, with the change controls disabled).
 *
 * @param title the page title
 * @param section the navigation entry to mark current: overview, workloads, create, nodes,
 *     topology, events or ask
 * @param caller who is looking
 * @param loginRequired whether a token is configured (then a logout button is shown)
 * @param csrfToken the session's CSRF token for the page's requests, empty without a session
 */
public record Shell(
    String title, String section, Caller caller, boolean loginRequired, String csrfToken) {

  public boolean mayChangeWorkloads() {
    return caller.role().mayChangeWorkloads();
  }

  public boolean mayChangeNodes() {
    return caller.role().mayChangeNodes();
  }

  /** For the header: {@code admin (admin)}. */
  public String who() {
    return caller.name() + " (" + caller.role().id() + ")";
  }

  /** {@code aria-current} for a navigation entry. */
  public String current(String entry) {
    return section.equals(entry) ? "page" : "false";
  }
}
