import Foundation

/// A value made the first time it is asked for and kept, safe to ask for from several threads
/// at once (the second waits for the first to finish making it).
final class MadeOnce<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value?

    func get(_ make: () -> Value) -> Value {
        lock.lock()
        defer { lock.unlock() }
        if let value { return value }
        let made = make()
        value = made
        return made
    }
}
