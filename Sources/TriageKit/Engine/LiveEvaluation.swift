/// A consultation's evaluator: the value of every condition for its facts, kept up to date as
/// facts are recorded and forgotten, so that choosing the next question only reads values.
///
/// `Consultation` is a value type, so this is copy-on-write: copies of a consultation share one
/// evaluator until one of them changes a fact, which first takes its own copy. Between changes
/// every value is worked out (`Evaluator.update`), so a shared evaluator is only ever read; that
/// is what makes sharing it between threads safe, hence `@unchecked Sendable`.
struct LiveEvaluation: @unchecked Sendable {
    private var evaluator: Evaluator

    init(_ compiled: CompiledConditions) {
        evaluator = Evaluator(live: compiled)
    }

    /// The evaluator, complete for the facts so far. Read it; never change it.
    var current: Evaluator { evaluator }

    mutating func set(_ q: Int, to value: FactValue?) {
        if !isKnownUniquelyReferenced(&evaluator) { evaluator = evaluator.copy() }
        evaluator.update(fact: q, to: value)
    }
}
