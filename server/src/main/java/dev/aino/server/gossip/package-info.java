/**
 * SWIM membership among the servers of a cluster ({@link dev.aino.server.gossip.SwimMembership}),
 * built on scalecube-cluster. It only feeds the control loop's {@link
 * dev.aino.reconcile.MemberView} so a dead node is DOWN within seconds; the etcd heartbeat stays
 * the authority for replacing its instances.
 */
package dev.aino.server.gossip;
