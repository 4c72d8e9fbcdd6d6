import Foundation

/// Checks parsed rules files and builds the engine's `RuleSet`, reporting every problem found.
///
/// Declarations are gathered first, so a condition may name a fact or flag written further
/// down or in another file; then every condition is resolved in the scope of its place.
public struct Checker {
    public private(set) var diagnostics: [Diagnostic] = []

    private var files: [RulesFileSyntax]
    private var sha256: String
    /// The rules' named values (`value simple_painkiller_limit: 2`), gathered before anything
    /// else so conditions and texts anywhere may use them.
    private var namedValues: [String: Double] = [:]

    /// Whether to look for named values no condition or text uses, which only warns: skipped
    /// for rules known to have no warning, where the scan was a fortieth of a one-script run.
    public var looksForUnusedValues = true

    public init(files: [RulesFileSyntax], sha256: String) {
        self.files = files
        self.sha256 = sha256
    }

    /// The keys each block may have; the first word(s) of a key, case-insensitive.
    static let blockKeys: [String: [String]] = [
        "question": ["ask", "help", "answer", "section", "summary section", "unit", "range", "option", "yes words", "no words", "only when",
                     "phrase", "more than one", "ask instead", "ask instead when", "story says yes when"],
        "level": ["title", "advice", "when unsure", "also when", "stops conversation", "stops assessment", "safety net"],
        "flag": ["level", "when", "message", "when unsure", "safety net"],
        "pattern": ["name", "code", "about", "criterion", "says", "match"],
        "contributor": ["name", "when"],
        "status": ["title", "text", "expect", "when", "focus"],
        "focus": ["name", "when"],
        "advice": ["text", "when"],
        "screen": ["ask", "help", "item"],
        "wording": Wording.keys,
    ]
    static let settingKeys = ["name", "version", "yes words", "no words", "unsure words", "negation before",
                              "negation after", "negation ends", "not negation", "number words", "time units", "rate words", "joining words", "agreement words", "thanks words", "concession words", "age words", "ordinal words", "command words"]
    /// Settings that are lists: given again, they add up rather than clash.
    static func listSettings(_ key: String) -> Bool {
        key.hasSuffix("words") || key.hasPrefix("negation") || key == "not negation" || key == "time units"
    }

    /// Keys followed by an id or a phrase of their own (`option one_side`, `phrase every day`).
    static let keysWithArgument: Set<String> = ["option", "phrase", "criterion", "item", "says"]

    /// One block after its keys were sorted out: single keys, and repeatable ones in order.
    private struct Block {
        var syntax: BlockSyntax
        var single: [String: Entry] = [:]
        var repeated: [(key: String, argument: Name?, entry: Entry)] = []
        /// Keys the block does not have, with where they are: a missing key that one of them
        /// misspells is a follow-on of that error.
        var unknownKeys: [(key: String, at: SourceLocation)] = []
        var id: String { syntax.id.text }
        func value(_ key: String) -> String? { single[key]?.value.text }
    }

    public mutating func check() -> RuleSet? {
        var settings: [String: Entry] = [:]
        var blocks: [String: [Block]] = [:]
        var defines: [(Name, ValueText)] = []
        // Where the rules go over the limit, so the error points at the block that is one too many.
        var ruleCount = 0
        var firstOverLimit: SourceRange?
        func countRule(at range: SourceRange) {
            ruleCount += 1
            if ruleCount == Self.maxRules + 1 { firstOverLimit = range }
        }

        gatherValues()
        for file in files {
            for statement in file.statements {
                switch statement {
                case .include, .value: break // the loader has followed it; values are gathered first
                case .setting(let entry):
                    let key = entry.key.text.lowercased()
                    guard Self.settingKeys.contains(key) else {
                        error("unknown setting '\(entry.key.text)'", entry.key.range,
                              notes: Suggestions.note(for: key, in: Self.settingKeys + Self.blockKeys.keys.map { $0 + " ID" }))
                        continue
                    }
                    if let previous = settings[key], !Self.listSettings(key) {
                        error("'\(key)' is set twice", entry.key.range, notes: ["first set at \(previous.key.range.start)"])
                    }
                    if let previous = settings[key], Self.listSettings(key) {
                        // Word lists may be given over several lines; they add up.
                        var merged = previous
                        merged.value.segments += entry.value.segments
                        settings[key] = merged
                    } else {
                        settings[key] = entry
                    }
                case .define(let id, let condition):
                    countRule(at: id.range)
                    defines.append((id, condition))
                case .block(let syntax):
                    countRule(at: syntax.keyword.range)
                    if let block = sortKeys(syntax) { blocks[syntax.keyword.text, default: []].append(block) }
                }
            }
        }

        if let firstOverLimit {
            error("these rules hold \(ruleCount) blocks and definitions; the limit is \(Self.maxRules)", firstOverLimit,
                  notes: ["this is the first one over the limit"])
            return nil
        }
        let name = settings["name"]?.value.text ?? ""
        let version = settings["version"]?.value.text ?? ""
        let firstFile = SourceRange(SourceLocation(file: files.first?.file ?? "rules", line: 1, column: 1), length: 1)
        if name.isEmpty { error("the rules have no name", firstFile, notes: ["add a line 'name: My headache rules' to the first file"]) }
        if version.isEmpty { error("the rules have no version", firstFile, notes: ["add a line 'version: 1.0' to the first file"]) }

        // Ids: one namespace for facts and definitions, one for each kind of conclusion.
        var questionBlocks = unique(blocks["question"] ?? [], what: "question")
        var factNames = Dictionary(uniqueKeysWithValues: questionBlocks.map { ($0.id, $0.syntax.id.range) })
        var uniqueDefines: [(Name, ValueText)] = []
        for (id, value) in defines {
            checkID(id)
            if let previous = factNames[id.text] {
                error("'\(id.text)' is already used", id.range, notes: ["first used at \(previous.start)"])
            } else {
                factNames[id.text] = id.range
                uniqueDefines.append((id, value))
            }
        }
        let levelBlocks = unique(blocks["level"] ?? [], what: "level")
        let flagBlocks = unique(blocks["flag"] ?? [], what: "red flag")
        let patternBlocks = unique(blocks["pattern"] ?? [], what: "pattern")
        let contributorBlocks = unique(blocks["contributor"] ?? [], what: "contributor")
        let statusBlocks = unique(blocks["status"] ?? [], what: "status")
        let focusBlocks = unique(blocks["focus"] ?? [], what: "focus area")
        let adviceBlocks = unique(blocks["advice"] ?? [], what: "advice")
        let screenBlocks = unique(blocks["screen"] ?? [], what: "screen")
        let wording = buildWording(blocks["wording"] ?? [])

        // A question with errors is left out, and the uses of it follow from its first error.
        var questions: [Question] = []
        var builtBlocks: [Block] = []
        var brokenQuestions: [String: SourceLocation] = [:]
        for block in questionBlocks {
            let before = diagnostics.count
            if let question = buildQuestion(block) {
                questions.append(question)
                builtBlocks.append(block)
            } else {
                let first = diagnostics[before...].first { $0.severity == .error }
                brokenQuestions[block.id] = first.map { $0.followsFrom ?? $0.location } ?? block.syntax.id.range.start
            }
        }
        questionBlocks = builtBlocks

        var resolver = ConditionResolver(
            questions: Dictionary(uniqueKeysWithValues: questions.enumerated().map { ($1.id, $0) }),
            questionKinds: questions.map(\.kind),
            questionRanges: questionBlocks.map { $0.syntax.id.range },
            definitions: Dictionary(uniqueKeysWithValues: uniqueDefines.enumerated().map { ($1.0.text, $0) }),
            flags: Dictionary(uniqueKeysWithValues: flagBlocks.enumerated().map { ($1.id, $0) }),
            contributors: Dictionary(uniqueKeysWithValues: contributorBlocks.enumerated().map { ($1.id, $0) }),
            patterns: patternBlocks.map(\.id),
            levels: Dictionary(uniqueKeysWithValues: levelBlocks.enumerated().map { ($1.id, $0) }))
        resolver.brokenQuestions = brokenQuestions

        func condition(_ value: ValueText, scope: ConditionResolver.Scope, place: String) -> (Condition?, Set<Int>, ConditionResolver.Scope) {
            resolver.usedDefinitions = []
            resolver.usedScope = []
            switch ConditionParser.parse(value, values: namedValues) {
            case .failure(let d):
                diagnostics.append(d)
                return (nil, [], [])
            case .success(let syntax):
                let c = resolver.resolve(syntax, scope: scope, place: place)
                return (c, resolver.usedDefinitions, resolver.usedScope)
            }
        }

        // Definitions first, remembering what each refers to for cycle and scope checks.
        var definitions: [Definition] = []
        var defineUses: [Set<Int>] = []
        var defineScopes: [ConditionResolver.Scope] = []
        for (id, value) in uniqueDefines {
            let (c, uses, scope) = condition(value, scope: .everything, place: "a definition")
            definitions.append(Definition(id: id.text, condition: c ?? .and([])))
            defineUses.append(uses)
            defineScopes.append(scope)
        }
        let transitiveScopes = checkDefinitionCycles(uniqueDefines.map(\.0), uses: defineUses, scopes: defineScopes)

        /// Resolves a condition and checks that definitions it uses stay within its scope.
        func scoped(_ entry: Entry?, _ scope: ConditionResolver.Scope, place: String) -> Condition? {
            guard let entry else { return nil }
            let (c, uses, _) = condition(entry.value, scope: scope, place: place)
            for d in uses where !scope.isSuperset(of: transitiveScopes[d]) {
                error("\(place) cannot use '\(uniqueDefines[d].0.text)': it depends on conclusions decided later", entry.value.range)
            }
            return c
        }

        resolver.usedQuestions = []
        for (i, block) in questionBlocks.enumerated() where i < questions.count {
            if let entry = block.single["only when"] {
                let before = resolver.usedQuestions
                resolver.usedQuestions = []
                questions[i].context = scoped(entry, .factsOnly, place: "an 'only when'")
                if resolver.usedQuestions.contains(i) {
                    error("'\(block.id)' cannot be asked only when its own answer is known", entry.value.range)
                }
                resolver.usedQuestions.formUnion(before)
            }
            // What a story's other facts say about this one.
            if let entry = block.single["story says yes when"] {
                let before = resolver.usedQuestions
                resolver.usedQuestions = []
                if let condition = scoped(entry, .factsOnly, place: "a 'story says yes when'") {
                    if resolver.usedQuestions.contains(i) {
                        error("'\(block.id)' cannot follow from its own answer", entry.value.range)
                    } else if case .yesNo = questions[i].kind {
                        questions[i].storySaysYesWhen = condition
                    } else {
                        error("'story says yes when' is only for yes/no questions", entry.key.range)
                    }
                }
                resolver.usedQuestions = before
            }
            // Other words for the question, once something else is known.
            switch (block.single["ask instead"], block.single["ask instead when"]) {
            case (let text?, let when?):
                let before = resolver.usedQuestions
                if let condition = scoped(when, .factsOnly, place: "an 'ask instead when'") {
                    questions[i].askInstead = (condition, text.value.text)
                }
                resolver.usedQuestions = before
            case (let text?, nil):
                error("'ask instead' needs an 'ask instead when:' saying when", text.key.range,
                      notes: ["e.g. 'ask instead when: duration_hours > 168'"])
            case (nil, let when?):
                error("'ask instead when' needs an 'ask instead:' with the other words", when.key.range)
            case (nil, nil): break
            }
        }
        let usedByContexts = resolver.usedQuestions
        resolver.usedQuestions = []

        // Levels, most urgent first.
        var levels: [Level] = []
        for block in levelBlocks {
            var whenUnsure = levels.count
            if let entry = block.single["when unsure"] {
                let target = entry.value.text
                if let index = levelBlocks.firstIndex(where: { $0.id == target }) {
                    if index < levels.count {
                        error("an unsure '\(block.id)' flag cannot count as the more urgent '\(target)'", entry.value.range)
                    }
                    whenUnsure = index
                } else {
                    error("there is no level '\(target)'", entry.value.range, notes: Suggestions.note(for: target, in: levelBlocks.map(\.id)))
                }
            }
            levels.append(Level(id: block.id, title: block.value("title") ?? block.id, advice: required(block, "advice") ?? "",
                                whenUnsure: whenUnsure, alsoWhen: scoped(block.single["also when"], [.flags, .pattern, .contributors], place: "a level"),
                                stopsConversation: yesNoSetting(block, "stops conversation"),
                                stopsAssessment: yesNoSetting(block, "stops assessment"),
                                safetyNet: block.value("safety net")))
        }
        if levels.isEmpty { error("the rules have no levels", firstFile, notes: ["add 'level emergency', 'level self_care', ... most urgent first"]) }

        var flags: [RedFlag] = []
        for block in flagBlocks {
            let levelName = required(block, "level")
            var level = 0
            if let levelName, let entry = block.single["level"] {
                if let index = levelBlocks.firstIndex(where: { $0.id == levelName }) { level = index } else {
                    error("there is no level '\(levelName)'", entry.value.range,
                          notes: Suggestions.note(for: levelName, in: levelBlocks.map(\.id)) + ["the levels are: \(levelBlocks.map(\.id).joined(separator: ", "))"])
                }
            }
            _ = required(block, "when")
            var whenUnsure = levels.indices.contains(level) ? levels[level].whenUnsure : level
            if let entry = block.single["when unsure"] {
                let target = entry.value.text
                if let index = levelBlocks.firstIndex(where: { $0.id == target }) {
                    if index < level {
                        error("an unsure '\(block.id)' cannot count as '\(target)', which is more urgent than its own level", entry.value.range,
                              notes: ["a doubtful sign counts as its own level or a less urgent one"])
                    }
                    whenUnsure = index
                } else {
                    error("there is no level '\(target)'", entry.value.range, notes: Suggestions.note(for: target, in: levelBlocks.map(\.id)))
                }
            }
            flags.append(RedFlag(id: block.id, level: level, whenUnsure: whenUnsure,
                                 condition: scoped(block.single["when"], .factsOnly, place: "a red flag") ?? .and([]),
                                 message: required(block, "message") ?? "", safetyNet: block.value("safety net")))
        }

        var patterns: [Pattern] = []
        for (index, block) in patternBlocks.enumerated() {
            var criteria: [Criterion] = []
            // `says:` belongs to the criterion just above it; nil after a criterion with an error.
            var current: Int?
            var sawCriterion = false
            for item in block.repeated where item.key == "criterion" || item.key == "says" {
                if item.key == "criterion" {
                    sawCriterion = true
                    current = nil
                    if let c = scoped(item.entry, .factsOnly, place: "a pattern") {
                        criteria.append(Criterion(label: item.argument?.text, condition: c))
                        current = criteria.count - 1
                    }
                    continue
                }
                if let argument = item.argument {
                    error("'says' takes no name: write 'says: \(argument.text) ...'", argument.range)
                } else if !sawCriterion {
                    error("'says' gives a criterion in plain words, so it goes just below its 'criterion:' line", item.entry.key.range)
                } else if item.entry.value.text.isEmpty {
                    error("'says' has no value", item.entry.key.range)
                } else if let c = current {
                    if criteria[c].says != nil {
                        error("this criterion already says what it means; one 'says:' per criterion", item.entry.key.range)
                    } else {
                        criteria[c].says = item.entry.value.text
                    }
                }
            }
            var allButOne = false
            if let match = block.single["match"] {
                if match.value.text.lowercased().collapsingSpaces() == "all but one" { allButOne = true }
                else if match.value.text.lowercased() != "all" {
                    error("'match' is 'all' or 'all but one'", match.value.range)
                }
                if allButOne, criteria.count < 2 {
                    error("'all but one' needs at least two criteria", match.value.range)
                }
            }
            if criteria.isEmpty, index < patternBlocks.count - 1 {
                warning("'\(block.id)' has no criteria, so it always matches and the patterns below it never will",
                        block.syntax.id.range)
            }
            patterns.append(Pattern(id: block.id, name: block.value("name") ?? block.id, code: block.value("code"),
                                    about: block.value("about"), criteria: criteria, allButOne: allButOne))
        }

        let contributors = contributorBlocks.map { block in
            Contributor(id: block.id, name: block.value("name") ?? block.id,
                        condition: scoped(requiredEntry(block, "when"), [.flags, .pattern], place: "a contributor") ?? .and([]))
        }
        let statuses = statusBlocks.enumerated().map { index, block in
            if block.single["when"] == nil, index < statusBlocks.count - 1 {
                warning("'\(block.id)' has no 'when', so the statuses below it are never used", block.syntax.id.range)
            }
            return TherapyStatus(id: block.id, title: block.value("title") ?? block.id, text: block.value("text"),
                                 expect: block.value("expect"), condition: scoped(block.single["when"], .everything, place: "a status"),
                                 showsFocus: block.value("focus")?.lowercased() == "yes")
        }
        let focusAreas = focusBlocks.map { block in
            FocusArea(id: block.id, name: block.value("name") ?? block.id,
                      condition: scoped(requiredEntry(block, "when"), .everything, place: "a focus area") ?? .and([]))
        }
        let advice = adviceBlocks.map { block in
            Advice(id: block.id, text: required(block, "text") ?? "", condition: scoped(block.single["when"], .everything, place: "advice"))
        }

        let screens = buildScreens(screenBlocks, questions: questions, broken: brokenQuestions)

        // A question no rule reads can never change an outcome, so it would never be asked.
        var usedDefinitionQuestions = Set<Int>()
        for d in definitions { d.condition.visit { if let q = $0.factIndex { usedDefinitionQuestions.insert(q) } } }
        let used = resolver.usedQuestions.union(usedDefinitionQuestions)
        // A condition with an error is left out, so the questions it reads would look unused:
        // that is a follow-on of the error, and is said only once the errors are fixed.
        let conditionsComplete = !diagnostics.hasErrors && !resolver.diagnostics.hasErrors
        for (i, q) in questions.enumerated() where conditionsComplete && !used.contains(i) {
            warning("question '\(q.id)' is not used by any rule, so it is never asked", questionBlocks[i].syntax.id.range,
                    notes: usedByContexts.contains(i) ? ["it only decides whether other questions are asked"] : [])
        }

        let lexicon = buildLexicon(settings)
        if looksForUnusedValues { warnUnusedValues() }
        diagnostics += resolver.diagnostics
        diagnostics.sort { $0.location < $1.location }
        guard !diagnostics.hasErrors else { return nil }
        return RuleSet(name: name, version: version, sha256: sha256, questions: questions, definitions: definitions,
                       levels: levels, flags: flags, patterns: patterns, contributors: contributors, statuses: statuses,
                       focusAreas: focusAreas, advice: advice, lexicon: lexicon, screens: screens, wording: wording)
    }

    // MARK: - Wording

    /// The sentences said around the clinical content. One `wording` block at most; the keys it
    /// leaves out are said in English, which `check` points out.
    private mutating func buildWording(_ blocks: [Block]) -> Wording {
        guard let block = blocks.first else { return Wording() }
        for extra in blocks.dropFirst() {
            error("there is already a wording block", extra.syntax.id.range, notes: ["first given at \(block.syntax.id.range.start)"])
        }
        var texts: [String: String] = [:]
        for (key, entry) in block.single { texts[key] = entry.value.text }
        let missing = Wording.keys.filter { texts[$0] == nil }
        if !missing.isEmpty {
            warning("wording '\(block.id)' has no \(missing.count == 1 ? "text" : "texts") for: \(missing.joined(separator: ", ")); English is said instead",
                    block.syntax.id.range)
        }
        return Wording(texts: texts)
    }

    // MARK: - Screens

    /// Screens: yes/no questions asked together in one turn, each once at most.
    private mutating func buildScreens(_ blocks: [Block], questions: [Question], broken: [String: SourceLocation]) -> [Screen] {
        let index = Dictionary(uniqueKeysWithValues: questions.enumerated().map { ($1.id, $0) })
        var screenOf: [Int: String] = [:]
        var screens: [Screen] = []
        for block in blocks {
            var items: [Screen.Item] = []
            for item in block.repeated where item.key == "item" {
                guard let name = item.argument else { continue }
                guard let q = index[name.text] else {
                    if let root = broken[name.text] {
                        // The question is there but has an error of its own: this one follows from it.
                        diagnostics.append(Diagnostic.error("'\(name.text)' cannot be used until its own error is fixed", at: name.range,
                                                            notes: ["see \(root)"]).following(root))
                    } else {
                        error("unknown question '\(name.text)'", name.range, notes: Suggestions.note(for: name.text, in: questions.map(\.id)))
                    }
                    continue
                }
                guard questions[q].kind == .yesNo else {
                    error("'\(name.text)' is a \(questions[q].kind.name) question; a screen holds yes/no questions only", name.range,
                          notes: ["ask it on its own: leave it out of the screen"])
                    continue
                }
                if let other = screenOf[q] {
                    error("'\(name.text)' is already in the screen '\(other)'", name.range, notes: ["a question belongs to one screen at most"])
                    continue
                }
                screenOf[q] = block.id
                items.append(Screen.Item(question: q, text: item.entry.value.text))
            }
            let count = block.repeated.filter { $0.key == "item" }.count
            if count < 2 {
                error("screen '\(block.id)' needs at least two 'item' lines", block.syntax.id.range,
                      notes: ["e.g. 'item fever: A fever, chills, or feeling hot and unwell'"])
            }
            screens.append(Screen(id: block.id, ask: required(block, "ask") ?? "", help: block.value("help"), items: items))
        }
        return screens
    }

    // MARK: - Blocks and keys

    private mutating func sortKeys(_ syntax: BlockSyntax) -> Block? {
        guard let allowed = Self.blockKeys[syntax.keyword.text] else { return nil }
        checkID(syntax.id)
        var block = Block(syntax: syntax)
        for var entry in syntax.entries {
            // In wording, {path}, {id} and the like are filled in when the text is said.
            if syntax.keyword.text != "wording" { entry.value = fillingInValues(entry.value) }
            // Most keys are one word ("ask", "when"): they are looked up without being split.
            let keyText = entry.key.text
            let firstSpace = keyText.firstIndex(of: " ")
            let head = String(keyText[..<(firstSpace ?? keyText.endIndex)]).lowercased()
            let rest = firstSpace.map { keyText[keyText.index(after: $0)...].split(separator: " ") } ?? []
            if !head.isEmpty, Self.keysWithArgument.contains(head) {
                let argument: Name? = !rest.isEmpty ? Name(rest.joined(separator: " "),
                    SourceRange(SourceLocation(file: entry.key.range.start.file, line: entry.key.range.start.line,
                                               column: entry.key.range.start.column + head.count + 1),
                                length: entry.key.text.count - head.count - 1)) : nil
                if head == "option" {
                    guard let argument else {
                        error("'option' needs an id, e.g. 'option one_side: one side, left, right'", entry.key.range)
                        continue
                    }
                    checkID(argument)
                } else if head == "phrase", argument == nil {
                    error("'phrase' needs the words, e.g. 'phrase every day: 30'", entry.key.range)
                    continue
                } else if head == "says", !allowed.contains(head) {
                    // The other keys with a name of their own are checked by the block that has them.
                    block.unknownKeys.append((head, entry.key.range.start))
                    error("'\(syntax.keyword.text)' has no setting 'says'", entry.key.range,
                          notes: ["'says' gives a pattern's criterion in plain words"])
                    continue
                } else if head == "item", argument == nil {
                    error("'item' needs the question it asks, e.g. 'item fever: A fever, chills, or feeling hot and unwell'", entry.key.range)
                    continue
                }
                block.repeated.append((head, argument, entry))
                continue
            }
            let key = rest.isEmpty ? head : ([head] + rest.map { $0.lowercased() }).joined(separator: " ")
            guard allowed.contains(key) else {
                block.unknownKeys.append((key, entry.key.range.start))
                error("'\(syntax.keyword.text)' has no setting '\(entry.key.text)'", entry.key.range,
                      notes: Suggestions.note(for: key, in: allowed) + ["its settings are: \(allowed.joined(separator: ", "))"])
                continue
            }
            if let previous = block.single[key] {
                error("'\(key)' is given twice in '\(syntax.keyword.text) \(syntax.id.text)'", entry.key.range,
                      notes: ["first given at \(previous.key.range.start)"])
                continue
            }
            if entry.value.text.isEmpty {
                error("'\(key)' has no value", entry.key.range)
                continue
            }
            block.single[key] = entry
        }
        return block
    }

    private mutating func unique(_ blocks: [Block], what: String) -> [Block] {
        var seen: [String: SourceRange] = [:]
        var out: [Block] = []
        for block in blocks {
            if let first = seen[block.id] {
                error("there is already a \(what) '\(block.id)'", block.syntax.id.range, notes: ["first defined at \(first.start)"])
            } else {
                seen[block.id] = block.syntax.id.range
                out.append(block)
            }
        }
        return out
    }

    private mutating func checkID(_ id: Name) {
        // On the bytes: an id is plain ASCII, and Unicode letter tests on every id were a
        // fiftieth of a one-script run.
        let bytes = id.text.utf8
        let valid = bytes.first.map { $0 >= 0x61 && $0 <= 0x7A } == true
            && bytes.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }
        if !valid {
            let fixed = id.text.lowercased().map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()
            error("'\(id.text)' is not a valid id: use lowercase letters, digits and _, starting with a letter", id.range,
                  notes: ["try '\(fixed)'"])
        }
    }

    /// A `yes` or `no` setting; absent is no.
    private mutating func yesNoSetting(_ block: Block, _ key: String) -> Bool {
        guard let entry = block.single[key] else { return false }
        let value = entry.value.text.lowercased()
        if value != "yes", value != "no" { error("'\(key)' is 'yes' or 'no'", entry.value.range) }
        return value == "yes"
    }

    private mutating func required(_ block: Block, _ key: String) -> String? {
        requiredEntry(block, key)?.value.text
    }

    private mutating func requiredEntry(_ block: Block, _ key: String) -> Entry? {
        if let entry = block.single[key] { return entry }
        var missing = Diagnostic.error("\(block.syntax.keyword.text) '\(block.id)' has no '\(key):'", at: block.syntax.id.range,
                                       notes: ["add an indented line '\(key): ...' below it"])
        if let slip = block.unknownKeys.first(where: { Suggestions.closest(to: $0.key, in: [key]) != nil }) { missing = missing.following(slip.at) }
        diagnostics.append(missing)
        return nil
    }

    // MARK: - Questions

    private mutating func buildQuestion(_ block: Block) -> Question? {
        let ask = required(block, "ask")
        guard let answerEntry = requiredEntry(block, "answer") else { return nil }
        let answer = answerEntry.value.text.lowercased().collapsingSpaces()
        var kind: AnswerKind
        switch answer {
        case "yes/no", "yes or no":
            kind = .yesNo
        case "number":
            let unit = required(block, "unit") ?? ""
            var range: ClosedRange<Double> = 0...0
            if let entry = requiredEntry(block, "range") {
                let parts = entry.value.text.lowercased().components(separatedBy: " to ")
                if parts.count == 2, let low = Double(parts[0].collapsingSpaces()), let high = Double(parts[1].collapsingSpaces()), low <= high {
                    range = low...high
                } else {
                    error("a range is written 'LOW to HIGH', e.g. 'range: 1 to 120'", entry.value.range)
                }
            }
            kind = .number(unit: unit, range: range)
        case "choice", "several":
            let options = block.repeated.filter { $0.key == "option" }.compactMap { item -> ChoiceOption? in
                guard let id = item.argument?.text else { return nil }
                return ChoiceOption(id: id, phrases: Self.list(item.entry.value.text))
            }
            var seen = Set<String>()
            for item in block.repeated where item.key == "option" {
                if let arg = item.argument, !seen.insert(arg.text).inserted {
                    error("option '\(arg.text)' is listed twice", arg.range)
                }
            }
            if options.count < 2 {
                error("a \(answer) question needs at least two 'option' lines", block.syntax.id.range,
                      notes: ["e.g. 'option one_side: one side, left, right'"])
            }
            kind = answer == "several" ? .several(options) : .choice(options)
        default:
            error("'answer' is 'yes/no', 'number', 'choice' or 'several', not '\(answerEntry.value.text)'", answerEntry.value.range,
                  notes: Suggestions.note(for: answer, in: ["yes/no", "number", "choice", "several"]))
            return nil
        }
        for key in ["unit", "range"] where kind.name != "number" {
            if let entry = block.single[key] { error("'\(key)' is only for number questions", entry.key.range) }
        }
        for key in ["yes words", "no words"] where kind != .yesNo {
            if let entry = block.single[key] { error("'\(key)' is only for yes/no questions", entry.key.range) }
        }
        if kind.options.isEmpty, let item = block.repeated.first(where: { $0.key == "option" }) {
            error("'option' is only for choice and several questions", item.entry.key.range)
        }
        if let item = block.repeated.first(where: { $0.key == "criterion" }) {
            error("'criterion' belongs in a pattern, not a question", item.entry.key.range)
        }
        var phrases: [(String, FactValue)] = []
        for item in block.repeated where item.key == "phrase" {
            guard let phrase = item.argument?.text.lowercased() else { continue }
            let raw = item.entry.value.text.lowercased()
            switch kind {
            case .yesNo:
                if raw == "yes" { phrases.append((phrase, .yes)) } else if raw == "no" { phrases.append((phrase, .no)) }
                else if raw == "unsure" { phrases.append((phrase, .unsure)) }
                else { error("a phrase of a yes/no question means 'yes', 'no' or 'unsure'", item.entry.value.range) }
            case .number(_, let range):
                if let n = Double(raw), range.contains(n) { phrases.append((phrase, .number(n))) }
                else { error("a phrase of this number question means a number from \(range.lowerBound.plainText) to \(range.upperBound.plainText)", item.entry.value.range) }
            case .choice(let options):
                if options.contains(where: { $0.id == raw }) { phrases.append((phrase, .choice(raw))) }
                else { error("there is no option '\(raw)'", item.entry.value.range, notes: Suggestions.note(for: raw, in: options.map(\.id))) }
            case .several(let options):
                if raw == "none" { phrases.append((phrase, .options([]))) }
                else if options.contains(where: { $0.id == raw }) { phrases.append((phrase, .options([raw]))) }
                else { error("a phrase of this question means one of its options or 'none'", item.entry.value.range,
                             notes: Suggestions.note(for: raw, in: options.map(\.id))) }
            }
        }
        var severalOption: String?
        if let entry = block.single["more than one"] {
            let id = entry.value.text
            if case .choice(let options) = kind {
                if options.contains(where: { $0.id == id }) { severalOption = id } else {
                    error("there is no option '\(id)'", entry.value.range, notes: Suggestions.note(for: id, in: options.map(\.id)))
                }
            } else {
                error("'more than one' is only for choice questions", entry.key.range)
            }
        }
        return Question(id: block.id, ask: ask ?? "", help: block.value("help"), section: block.value("section"), kind: kind,
                        yesWords: Self.list(block.value("yes words") ?? ""), noWords: Self.list(block.value("no words") ?? ""),
                        phrases: phrases, context: nil, severalOption: severalOption, location: block.syntax.id.range.start,
                        summarySection: block.value("summary section"))
    }

    // MARK: - Definitions

    /// How deep definitions may build on each other; deeper chains are an error, not a stack overflow.
    public static let maxDefinitionDepth = 64
    /// The most blocks and definitions a rule set may hold.
    public static let maxRules = 50_000

    /// Reports definitions that refer to themselves, or nest too deep, and returns what each needs,
    /// transitively. Iterative, so a pathological file cannot overflow the stack.
    private mutating func checkDefinitionCycles(_ names: [Name], uses: [Set<Int>], scopes: [ConditionResolver.Scope]) -> [ConditionResolver.Scope] {
        var result = scopes
        var state = [Int](repeating: 0, count: names.count) // 0 new, 1 on the path, 2 done
        var depth = [Int](repeating: 1, count: names.count)
        var reported = Set<Int>()
        let sortedUses = uses.map { $0.sorted() }
        for root in names.indices where state[root] == 0 {
            // Each frame: a definition and how many of its uses were visited.
            var stack: [(node: Int, next: Int)] = [(root, 0)]
            state[root] = 1
            while let top = stack.last {
                let d = top.node
                if top.next < sortedUses[d].count {
                    stack[stack.count - 1].next += 1
                    let u = sortedUses[d][top.next]
                    if state[u] == 1 {
                        if reported.insert(u).inserted {
                            let path = (stack.map(\.node).drop { $0 != u } + [u]).map { names[$0].text }.joined(separator: " -> ")
                            error("'\(names[u].text)' is defined in terms of itself: \(path)", names[u].range)
                        }
                    } else if state[u] == 0 {
                        state[u] = 1
                        stack.append((u, 0))
                    }
                    continue
                }
                // All uses done: gather what they need.
                for u in sortedUses[d] where state[u] == 2 {
                    result[d].formUnion(result[u])
                    depth[d] = max(depth[d], depth[u] + 1)
                }
                if depth[d] > Self.maxDefinitionDepth, reported.insert(d).inserted {
                    error("'\(names[d].text)' builds on definitions more than \(Self.maxDefinitionDepth) levels deep",
                          names[d].range, notes: ["use fewer steps: a definition may combine several others at once"])
                }
                state[d] = 2
                stack.removeLast()
            }
        }
        return result
    }

    // MARK: - Words

    static func list(_ text: String) -> [String] {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return plainList(text) }
        // Plain ASCII (nearly every list), on its bytes: lowercase, spaces and tabs collapsed to
        // one space and trimmed, empty items dropped, exactly as `plainList` does.
        var items: [String] = []
        var item: [UInt8] = []
        item.reserveCapacity(64)
        var space = false
        func finish() {
            if !item.isEmpty { items.append(String(decoding: item, as: UTF8.self)) }
            item.removeAll(keepingCapacity: true)
            space = false
        }
        for b in text.utf8 {
            switch b {
            case UInt8(ascii: ","): finish()
            case UInt8(ascii: " "), UInt8(ascii: "\t"): if !item.isEmpty { space = true }
            default:
                if space { item.append(UInt8(ascii: " ")); space = false }
                item.append(b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") ? b + 32 : b)
            }
        }
        finish()
        return items
    }

    /// `list` for any text: the items between commas, lowercased, with spaces collapsed.
    static func plainList(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.lowercased().collapsingSpaces() }.filter { !$0.isEmpty }
    }

    private mutating func buildLexicon(_ settings: [String: Entry]) -> Lexicon {
        var lexicon = Lexicon()
        func words(_ key: String) -> [String] { Self.list(settings[key]?.value.text ?? "") }
        lexicon.yesWords = words("yes words")
        lexicon.noWords = words("no words")
        lexicon.unsureWords = words("unsure words")
        lexicon.negationBefore = words("negation before")
        lexicon.negationAfter = words("negation after")
        lexicon.negationEnds = words("negation ends")
        lexicon.pseudoNegations = words("not negation")
        lexicon.joiningWords = words("joining words")
        lexicon.agreementWords = words("agreement words")
        lexicon.thanksWords = words("thanks words")
        lexicon.concessionWords = words("concession words")
        for (key, target, example) in [("ordinal words", \Lexicon.ordinalWords, "second = 2"), ("age words", \Lexicon.ageWords, "teenager = 15")] {
            for item in words(key) {
                let parts = Self.sides(item)
                if parts.count == 2, let value = Double(parts[1].collapsingSpaces()) {
                    lexicon[keyPath: target][parts[0].collapsingSpaces()] = value
                } else if let entry = settings[key] {
                    error("each of the \(key) is written 'WORD = NUMBER', e.g. '\(example)' (not '\(item)')", entry.value.range)
                }
            }
        }
        for item in words("command words") {
            let parts = Self.sides(item).map { $0.collapsingSpaces() }
            if parts.count == 2, !parts[0].isEmpty, Lexicon.commands.contains(parts[1]) {
                lexicon.commandWords[parts[0]] = parts[1]
            } else if let entry = settings["command words"] {
                error("each command word is written 'WORD = COMMAND', with a command of: \(Lexicon.commands.joined(separator: ", ")) (not '\(item)')",
                      entry.value.range)
            }
        }
        for item in words("time units") {
            let parts = Self.sides(item)
            if parts.count == 2, let hours = Self.amount(parts[1].collapsingSpaces()), hours > 0 {
                lexicon.timeUnits[parts[0].collapsingSpaces()] = hours
            } else if let entry = settings["time units"] {
                error("each time unit is written 'WORD = HOURS', e.g. 'day = 24' or 'minute = 1/60' (not '\(item)')", entry.value.range)
            }
        }
        for item in words("rate words") {
            let parts = Self.sides(item).map { $0.collapsingSpaces() }
            if parts.count == 2, lexicon.timeUnits[parts[1]] != nil {
                lexicon.rateWords[parts[0]] = parts[1]
            } else if let entry = settings["rate words"] {
                error("each rate word is written 'WORD = TIME UNIT', e.g. 'weekly = week', with the unit listed under 'time units' (not '\(item)')", entry.value.range)
            }
        }
        for item in words("number words") {
            let parts = Self.sides(item)
            if parts.count == 2, let value = Double(parts[1].collapsingSpaces()) {
                lexicon.numberWords[parts[0].collapsingSpaces()] = value
            } else if let entry = settings["number words"] {
                error("each number word is written 'WORD = NUMBER', e.g. 'a couple = 2' (not '\(item)')", entry.value.range)
            }
        }
        return lexicon
    }

    /// The parts of a `WORD = VALUE` item of a word setting, around each `=` (two when written right).
    static func sides(_ item: String) -> [String] {
        item.split(separator: "=", omittingEmptySubsequences: false).map(String.init)
    }

    /// A number or a fraction ("1/60").
    static func amount(_ text: String) -> Double? {
        let parts = text.split(separator: "/")
        if parts.count == 2, let a = Double(parts[0]), let b = Double(parts[1]), b != 0 { return a / b }
        return Double(text)
    }

    // MARK: - Named values

    /// Reads every `value NAME: NUMBER` line of every file.
    private mutating func gatherValues() {
        var seen: [String: SourceRange] = [:]
        for file in files {
            for case .value(let id, let number) in file.statements {
                checkID(id)
                if let first = seen[id.text] {
                    error("there is already a value '\(id.text)'", id.range, notes: ["first given at \(first.start)"])
                    continue
                }
                seen[id.text] = id.range
                guard let n = Double(number.text.trimmingCharacters()), n.isFinite, !number.text.contains(" ") else {
                    error("a value is one number, e.g. 'value \(id.text): 2'", number.range)
                    continue
                }
                namedValues[id.text] = n
            }
        }
    }

    /// A value no condition or text mentions is probably misspelt where it was meant to be used.
    private mutating func warnUnusedValues() {
        guard !namedValues.isEmpty else { return }
        // The values not yet seen as a word (letters, digits and `_`) of any condition or text;
        // the search stops once every value has been seen. Plain ASCII (nearly every text) is
        // split on its bytes: Unicode letter tests on every character of every text were a
        // sixth of a one-script run.
        var unseen = Set(namedValues.keys)
        // The lengths of the unseen names, as flags by length: a set's hashing at every word
        // was most of this scan.
        var lengths: [Bool] = []
        func noteLengths() {
            lengths = [Bool](repeating: false, count: (unseen.map(\.utf8.count).max() ?? 0) + 1)
            for name in unseen { lengths[name.utf8.count] = true }
        }
        noteLengths()
        func isWordByte(_ b: UInt8) -> Bool {
            (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x5F
        }
        func see(_ word: String) {
            if unseen.remove(word) != nil { noteLengths() }
        }
        func add(_ value: ValueText) {
            for segment in value.segments where !unseen.isEmpty {
                var text = segment.text
                let ascii = text.withUTF8 { bytes -> Bool in
                    var start = 0
                    for i in 0...bytes.count {
                        let b = i < bytes.count ? bytes[i] : 0x20
                        if b >= 0x80 { return false }
                        if isWordByte(b) { continue }
                        // A word ends here: only one as long as an unseen name is compared.
                        if i - start < lengths.count, lengths[i - start] { see(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)) }
                        start = i + 1
                    }
                    return true
                }
                if !ascii {
                    for word in text.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") }) { see(String(word)) }
                }
            }
        }
        scan: for file in files {
            for statement in file.statements {
                guard !unseen.isEmpty else { break scan }
                switch statement {
                case .block(let block): block.entries.forEach { add($0.value) }
                case .define(_, let condition): add(condition)
                case .setting(let entry): add(entry.value)
                case .include, .value: break
                }
            }
        }
        guard !unseen.isEmpty else { return }
        for file in files {
            for case .value(let id, _) in file.statements where namedValues[id.text] != nil && unseen.contains(id.text) {
                warning("value '\(id.text)' is not used in any condition or text", id.range,
                        notes: ["use it in a condition ('days >= \(id.text)') or a text ('{\(id.text)}')"])
            }
        }
    }

    /// A text with each `{name}` of a value replaced by its number ("no more than
    /// {simple_painkiller_limit} days"), so a text that repeats a threshold follows it. A
    /// `{word}` that names no value is an error at its place; other braces stay as they are.
    private mutating func fillingInValues(_ value: ValueText) -> ValueText {
        guard value.segments.contains(where: { $0.text.utf8.contains(UInt8(ascii: "{")) }) else { return value }
        var filled = value
        for (s, segment) in value.segments.enumerated() where segment.text.utf8.contains(UInt8(ascii: "{")) {
            var out = ""
            var rest = Substring(segment.text)
            var column = segment.start.column
            while let open = rest.firstIndex(of: "{") {
                out += rest[..<open]
                column += rest.distance(from: rest.startIndex, to: open)
                let after = rest[rest.index(after: open)...]
                guard let close = after.firstIndex(of: "}"),
                      case let name = String(after[..<close]),
                      name.first?.isLetter == true, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                    out.append("{")
                    column += 1
                    rest = after
                    continue
                }
                if let n = namedValues[name] {
                    out += n.plainText
                } else {
                    var at = segment.start
                    at.column = column
                    error("there is no value '\(name)'", SourceRange(at, length: name.count + 2),
                          notes: Suggestions.note(for: name, in: namedValues.keys.sorted())
                            + ["'{name}' in a text is replaced by the number of a 'value name: N' line"])
                    out += "{\(name)}"
                }
                column += name.count + 2
                rest = after[after.index(after: close)...]
            }
            out += rest
            filled.segments[s].text = out
        }
        return filled
    }

    private mutating func error(_ message: String, _ range: SourceRange, notes: [String] = []) {
        diagnostics.append(.error(message, at: range, notes: notes))
    }

    private mutating func warning(_ message: String, _ range: SourceRange, notes: [String] = []) {
        diagnostics.append(.warning(message, at: range, notes: notes))
    }
}

extension Condition {
    /// The fact a leaf condition reads, if it is one.
    var factIndex: Int? {
        switch self {
        case .isYes(let q), .compare(let q, _, _), .between(let q, _, _), .isOneOf(let q, _), .isUnsure(let q), .hasAny(let q, _): return q
        default: return nil
        }
    }
}
