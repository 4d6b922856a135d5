/**
 * Bridge networking for OCI containers through the standard CNI plugins: one network namespace per
 * container, an address on the node's bridge from {@code host-local}, published ports through
 * {@code portmap}, forwarding allowed by {@code firewall}, and {@code loopback} up.
 *
 * <p>The plugins are run as the CNI specification says a runtime runs them: the plugin binary is
 * executed with {@code CNI_COMMAND} (ADD, DEL, CHECK), {@code CNI_CONTAINERID}, {@code CNI_NETNS},
 * {@code CNI_IFNAME} and {@code CNI_PATH} in its environment and the network configuration on
 * stdin; each plugin of the chain gets the previous one's result as {@code prevResult}, and DEL
 * runs the chain in reverse. What an ADD did is written next to the container's bundle before the
 * first plugin runs ({@code network.json}), so a DEL after a crash or an agent restart finds the
 * namespace, the ports and the result to release, and a CHECK after a restart can confirm that a
 * running container's network is still there.
 *
 * <p>Kept out of {@code OciRuntime}: the driver only asks {@link
 * dev.aino.runtime.oci.network.BridgeNetwork} to attach, check and detach.
 */
package dev.aino.runtime.oci.network;
