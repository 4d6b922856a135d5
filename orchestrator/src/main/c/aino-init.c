/*
 * aino-init: the process a container runs as PID 1 when its workload says `init: true`.
 *
 * A process that is PID 1 of its PID namespace gets no default signal actions: SIGTERM kills it
 * only if it installed a handler, so `sleep` or busybox `httpd` ignore the stop request and are
 * killed at the end of the grace period. And orphaned processes are re-parented to PID 1, which
 * must wait for them or they stay zombies. aino-init is that PID 1 (as tini or `docker run
 * --init`): it starts PROGRAM as its only child, forwards every signal it receives to it, reaps
 * every child that ends, and exits with PROGRAM's exit code (128 + the signal number when a signal
 * ended it, as a shell reports it). Exiting ends the namespace: the kernel kills whatever is left.
 *
 * Usage: aino-init PROGRAM [ARG...]   (PROGRAM is looked up in PATH)
 * Built with `gcc -static` so that it runs in any image, with or without a libc.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

/* Exit codes of aino-init itself, as a shell uses them. */
enum { USAGE = 2, CANNOT_EXECUTE = 126, NOT_FOUND = 127 };

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "aino-init: usage: aino-init PROGRAM [ARG...]\n");
    return USAGE;
  }
  /* Every signal is taken synchronously below, never by a handler, so none is lost while
     aino-init reaps or forwards another. */
  sigset_t all, before;
  sigfillset(&all);
  if (sigprocmask(SIG_BLOCK, &all, &before) != 0) {
    perror("aino-init: sigprocmask");
    return USAGE;
  }
  pid_t child = fork();
  if (child < 0) {
    perror("aino-init: fork");
    return USAGE;
  }
  if (child == 0) {
    /* The program starts with the signal mask and the default actions it would have had. */
    sigprocmask(SIG_SETMASK, &before, NULL);
    execvp(argv[1], argv + 1);
    int failure = errno;
    fprintf(stderr, "aino-init: cannot run %s: %s\n", argv[1], strerror(failure));
    _exit(failure == ENOENT ? NOT_FOUND : CANNOT_EXECUTE);
  }
  for (;;) {
    siginfo_t info;
    int sig = sigwaitinfo(&all, &info);
    if (sig < 0) {
      if (errno == EINTR) {
        continue;
      }
      perror("aino-init: sigwaitinfo");
      return USAGE;
    }
    if (sig != SIGCHLD) {
      /* Whatever came from outside (the runtime's SIGTERM, a SIGHUP to reload) is the
         program's to handle. */
      if (kill(child, sig) != 0 && errno != ESRCH) {
        perror("aino-init: kill");
      }
      continue;
    }
    int status;
    pid_t ended;
    while ((ended = waitpid(-1, &status, WNOHANG)) > 0) {
      if (ended == child) {
        if (WIFEXITED(status)) {
          return WEXITSTATUS(status);
        }
        return 128 + WTERMSIG(status);
      }
      /* Any other child is an orphan re-parented to us: reaped, nothing more. */
    }
  }
}
