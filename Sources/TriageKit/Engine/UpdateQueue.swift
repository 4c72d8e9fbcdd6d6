/// The values waiting to be worked out again after a fact changed, taken lowest rank first
/// (`Dependents.rank`): a binary heap of rank and id packed into one Int.
///
/// A value is queued once for each input that changed; the copies pop one after another (the
/// keys are equal) and come out once. None is queued after it has popped: everything queued
/// later depends on something popped later, so it has a higher rank.
struct UpdateQueue {
    private let rank: [Int32]
    private var heap: [Int] = []

    init(_ dependents: Dependents) {
        rank = dependents.rank
        // An answer changes a handful of values: one allocation instead of growing step by step.
        heap.reserveCapacity(32)
    }

    mutating func insert(_ id: Int) {
        heap.append(Int(rank[id]) << 32 | id)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[parent] > heap[child] else { break }
            heap.swapAt(parent, child)
            child = parent
        }
    }

    mutating func popLowestRank() -> Int? {
        guard let first = popFirst() else { return nil }
        while heap.first == first { _ = popFirst() }
        return first & 0xFFFF_FFFF
    }

    private mutating func popFirst() -> Int? {
        guard let first = heap.first else { return nil }
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var smallest = parent
                if left < heap.count, heap[left] < heap[smallest] { smallest = left }
                if right < heap.count, heap[right] < heap[smallest] { smallest = right }
                guard smallest != parent else { break }
                heap.swapAt(parent, smallest)
                parent = smallest
            }
        }
        return first
    }
}
