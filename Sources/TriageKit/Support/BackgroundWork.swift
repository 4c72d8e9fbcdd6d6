import CThreads
import Foundation

/// Work begun at once on a thread of its own, beside the main thread's, at start-up. A dispatch
/// queue's first task waits for its pool of threads to start, and a new thread waits on its
/// parent's processor until the idle one takes it over: on a virtual machine, 1 to 3 ms, longer
/// than the work. A thread placed on the other processor starts within a tenth of that.
enum BackgroundWork {
    /// Whether there is a second processor to do it: on one, the work would only wait its turn.
    static let isWorthwhile = ProcessInfo.processInfo.activeProcessorCount > 1

    /// Starts `work` on a new thread (or does it here when no thread can be started); `wait()`
    /// on the returned handle blocks until it has finished.
    @discardableResult
    static func start(_ work: @escaping @Sendable () -> Void) -> Handle {
        let handle = Handle()
        let job = Unmanaged.passRetained(Job {
            work()
            handle.finish()
        }).toOpaque()
        let started = start_thread_beside_caller({ context in
            Unmanaged<Job>.fromOpaque(context!).takeRetainedValue().run()
            return nil
        }, job)
        if started != 0 { Unmanaged<Job>.fromOpaque(job).takeRetainedValue().run() }
        return handle
    }

    private final class Job: @unchecked Sendable {
        let run: @Sendable () -> Void
        init(_ run: @escaping @Sendable () -> Void) { self.run = run }
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
