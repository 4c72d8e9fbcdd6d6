#ifndef C_THREADS_H
#define C_THREADS_H

/// Starts `work(context)` on a new, detached thread, placed on a processor other than the one
/// the caller is running on when the process may use another. Returns 0, or an errno value
/// when no thread could be started.
int start_thread_beside_caller(void *(*work)(void *), void *context);

#endif
