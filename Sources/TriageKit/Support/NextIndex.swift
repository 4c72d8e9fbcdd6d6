import Synchronization

/// The next of `count` items to hand out, to whichever thread asks first: threads that each
/// take the next item not yet taken share the work evenly however much each item costs. An
/// atomic counter: a lock taken for every item made two threads wait on each other in the
/// kernel a thousand times over 20,000 files.
public final class NextIndex: Sendable {
    private let count: Int
    private let next = Atomic<Int>(0)

    public init(count: Int) { self.count = count }

    public func take() -> Int? {
        let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
        return index < count ? index : nil
    }
}
