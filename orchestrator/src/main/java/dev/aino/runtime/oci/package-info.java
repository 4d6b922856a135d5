/**
 * The OCI driver: runs containers with any runtime that has runc's command line (youki, runc, crun;
 * {@link dev.aino.runtime.oci.OciBinary#detect} picks the first found in that order), using only
 * the subcommands and flags the three share, always with {@code --root <data dir>/runtime/<name>}
 * so aino sees only its own containers. Never a shell: every command is an argv list. Opening the
 * driver ({@link dev.aino.runtime.oci.OciSetup}: binary, root filesystem mode, debris, network) is
 * kept apart from running containers ({@link dev.aino.runtime.oci.OciRuntime}); what both host
 * drivers share (ids, records, list, adoption, exit events) is in {@code runtime.host}.
 *
 * <p><b>Bundles.</b> One per instance, {@code <data dir>/bundles/<instance-id>/}: {@code
 * config.json} generated as a Jackson tree from the spec and the image configuration ({@link
 * dev.aino.runtime.oci.OciSpecGenerator}: limits, namespaces, capabilities, masked paths; host
 * network, see there), the root filesystem, the log files, and {@code exit.json} (how it ended).
 * Which container a bundle holds is recorded in {@code config.json}'s annotations ({@link
 * dev.aino.runtime.oci.BundleRecord}). Creating the directory is what reserves the instance, so a
 * second start for it is refused; a directory without a readable record, left by a start that
 * stopped before its {@code config.json} was complete, is removed when the driver opens. Every file
 * and directory costs on a start (on ext4 a create or rename is tens to hundreds of microseconds of
 * CPU, more where deletes are discarded online), so the driver keeps no file of its own beside
 * {@code config.json}: the init's pid and start time are not recorded either, since after an agent
 * restart the runtime's {@code state} tells both.
 *
 * <p><b>Root filesystem.</b> Overlayfs mounted by the driver with the image's layers as {@code
 * lowerdir} and {@code upper}/{@code work} in the bundle; unmounted on destroy by the {@link
 * dev.aino.runtime.oci.RootfsBuilder} of the mode its bundle records (a copy needs nothing undone;
 * a bundle made by an agent in another mode is still released right). The driver calls {@code
 * mount(2)} and {@code umount2(2)} through libc ({@link dev.aino.runtime.oci.SyscallMounter}), not
 * the {@code mount} command, which cost a process and a few milliseconds of CPU on every start and
 * stop; the command remains where libc cannot be loaded ({@link
 * dev.aino.runtime.oci.CommandMounter}). At start-up the driver mounts a probe overlay; if that
 * fails it logs a loud warning with the mount error and copies the layers into each bundle instead
 * ({@link dev.aino.runtime.oci.CopiedRootfs}). On the development sandbox overlayfs works.
 *
 * <p><b>Exit codes.</b> The OCI {@code state} command does not report them; only the parent of a
 * container's init learns one. So the driver starts containers with {@code run --keep} (not {@code
 * create} + {@code start}, after which the init is re-parented away) as a Java child process: runc
 * stays the init's parent and exits with its exit code (128 + signal when killed), which {@link
 * java.lang.Process#onExit} delivers, the driver persists and announces to its exit listeners at
 * once. {@code --keep} leaves the stopped container and its cgroup until {@code delete}, so an OOM
 * kill can still be read from the cgroup's {@code oom_kill} counter (v1 {@code memory.oom_control},
 * v2 {@code memory.events}); exit by SIGKILL with that counter above zero is {@code OOMKilled}. The
 * cost is one {@code runc run} process per container (about 10 MiB resident) and one JDK
 * process-reaper thread (a small stack) waiting on it. After an agent restart a running container
 * is adopted by pid and start time, without starting anything (its end is noticed by the log
 * collector's next poll); one that ends while no agent is its parent has no knowable exit code and
 * is reported as {@code NOT_FOUND} with a message starting {@code ExitedWhileAgentDown} or {@code
 * ExitCodeUnknown}, never an invented code. (A per-container shim, as containerd and conmon use,
 * would close that gap at the price of another process per container.) {@code runc run} runs in a
 * session of its own ({@code setsid}), so a Ctrl-C meant for an agent in a terminal does not reach
 * it (runc would forward it to the container); a systemd unit for the agent needs {@code
 * KillMode=process} for the same reason, or stopping the agent stops its containers.
 *
 * <p><b>Logs.</b> {@code runc run} gets the per-instance raw log files as stdout and stderr and
 * passes the container's output through to them; one collector thread per driver stamps and stores
 * the lines ({@link dev.aino.runtime.host.ContainerLogFiles}). No thread per container.
 *
 * <p><b>Stop and destroy.</b> Stop is {@code kill ID 15}, the grace period, {@code kill ID 9}. Note
 * that an OCI container's init is PID 1 of its PID namespace, which the kernel shields from every
 * signal it installed no handler for: a program without a SIGTERM handler (a bare {@code sleep}) is
 * only ever ended by the SIGKILL after the grace period, as with {@code docker stop}. Destroy is
 * {@code delete --force}, unmount, remove the bundle.
 *
 * <p><b>Stats</b> come from the container's cgroup, which the driver places itself ({@code
 * linux.cgroupsPath = <cgroup parent>/<container id>}, an absolute path so it does not depend on
 * how each runtime resolves relative ones) and reads in the v1 or v2 layout ({@link
 * dev.aino.runtime.oci.ContainerCgroup}).
 */
package dev.aino.runtime.oci;
