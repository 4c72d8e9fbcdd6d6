import Foundation

/// Work begun at once on a thread of its own, for start-up work that can go on beside the main
/// thread's. A dispatch queue's first task waits for its pool of threads to start, which took
/// longer than the work itself; a thread of its own starts in tens of microseconds.
enum BackgroundWork {
    /// Whether there is a second processor to do it: on one, the work would only wait its turn.
    static let isWorthwhile = ProcessInfo.processInfo.activeProcessorCount > 1

    /// Starts `work` on a new thread; `wait()` on the returned handle blocks until it has finished.
    static func start(_ work: @escaping @Sendable () -> Void) -> Handle {
        let handle = Handle()
        let thread = Thread {
            work()
            handle.finish()
        }
        thread.start()
        return handle
    }

    final class Handle: @unchecked Sendable {
        private let condition = NSCondition()
        private var finished = false

        fileprivate func finish() {
            condition.lock()
            finished = true
            condition.broadcast()
            condition.unlock()
        }

        func wait() {
            condition.lock()
            while !finished { condition.wait() }
            condition.unlock()
        }
    }
}
