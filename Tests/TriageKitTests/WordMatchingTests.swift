import Testing
@testable import TriageKit

/// The two shortcuts in reading free text: splitting plain ASCII straight from its bytes, and
/// finding all of the rules' phrases in one pass. Each must give exactly what the plain way gives.
@Suite("Word splitting and phrase matching")
struct WordMatchingTests {
    /// Yes, no and not-sure words and negations as a full rule set writes them: phrases that
    /// overlap, repeat and share first words, for the matcher to find.
    static let wordsText = """
        name: Word matching
        version: 1.0
        yes words: yes, y, yeah, yea, yep, yup, aye, certainly, of course, correct,
            that's right, true, indeed, i do, i think so, i believe so, i guess so,
            i suppose so, i'd say so, probably yes, probably so, sometimes, often,
            usually, always, mostly, occasionally, a bit, a little, slightly, a lot,
            very much, quite a bit, kind of, sort of, kinda, sorta,
            bad ones, worst ones, when it's bad, when they're bad, when it gets bad,
            if it's bad, if it gets bad, when it's really bad, when they're really bad,
            when it gets really bad, rarely, hardly ever, once or twice, now and then,
            now and again, from time to time, at times, on occasion
        no words: no, n, nope, nah, not at all, never, none, no way, not really, not usually,
            i don't, i do not, i haven't, i have not, i'm not, i am not, it doesn't,
            it does not, it isn't, it is not, it hasn't, they don't, negative,
            don't think so, i don't think so, i do not think so,
            definitely not, absolutely not, not that i know of, not that i'm aware of,
            neither, nothing like that, not particularly, not especially,
            i guess not, i suppose not, not that i've noticed, not that i have noticed,
            not as far as i know, not that i remember, not that i recall,
            not that i've seen, not that i have seen, not that i can remember,
            not that i can tell, not as far as i'm aware, not to my knowledge,
            not applicable, doesn't apply, does not apply, n/a, nope not at all,
            def not, deffo not, defo not, defs not, certainly not, no chance, not a chance,
            nothing, nothing at all, nothing new, nothing like it, not one bit,
            no more than usual, no more than normal, no different, not lately, not recently
        unsure words: not sure, unsure, i'm not sure, i am not sure, don't know,
            do not know, dont know, i don't know, no idea, maybe, perhaps, possibly,
            might be, could be, not certain, uncertain, can't say, cannot say,
            hard to say, hard to tell, can't tell, cannot tell, can't remember,
            cannot remember, don't remember, do not remember, no clue, dunno,
            might, might have, might have been, may have, may have been, probably,
            possibly not, i guess, i suppose, or not, don't think, do not think,
            not that i know, not that i'm aware, that i've noticed, that i have noticed,
            as far as i know, that i remember, that i recall, hope not, hopefully,
            not really sure, i'm not really sure, i am not really sure,
            not entirely sure, not quite sure, not totally sure, not completely sure,
            not 100% sure, hard to remember, haven't checked, have not checked,
            didn't check, did not check, not checked, haven't measured,
            didn't measure, haven't taken my temperature, who knows, god knows,
            couldn't say, could not say, couldn't tell you, no clue, idk, dunno,
            haven't paid attention, not paid attention, never paid attention,
            didn't pay attention
        negation before: no, not, without, never, don't, do not, doesn't, does not,
            didn't, did not, isn't, is not, wasn't, was not, aren't, haven't,
            have not, hasn't, has not, hadn't, nor, neither, none, nothing,
            no sign of, free of, absence of, lack of, denies, can't, cannot, won't,
            couldn't, wouldn't

        question fever
          ask: Fever?
          answer: yes/no

        level urgent
          advice: Today.

        level self_care
          advice: Home.

        flag fever
          level: urgent
          when: fever
          message: Fever.

        """

    static func lexicon() throws -> Lexicon {
        let loaded = LanguageTests.load(wordsText)
        return try #require(loaded.rules, "\(loaded.diagnostics.map(\.summaryLine))").lexicon
    }

    /// Every character class the splitter treats specially, to build random answers from.
    static let alphabet = Array("aZz09 '`/.-_,;:!?\t\"()[]&%+=#@~\\|<>*^$") + ["\n", "\u{7F}", "\u{1}"]

    static func randomASCII(_ rng: inout SplitMix64, maxLength: Int = 24) -> String {
        let length = Int(rng.next() % UInt64(maxLength + 1))
        return String((0..<length).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] })
    }

    @Test("ASCII text splits into the same words by the byte path and the general path")
    func asciiFastPathMatchesGeneralPath() throws {
        var texts = ["", " ", "Yes", "NO!", "a bit queasy", "I don't know", "`twas", "--", "'quoted'", "3.5 hrs.", "7/10",
                     "sixty-five", "...no...", "x-ray's", "can't stand bright light", "2-3 days", "Hello,World", "tab\tseparated"]
        texts += try Self.lexicon().unsureWords
        var rng = SplitMix64(seed: 20_261_129)
        for _ in 0..<20_000 { texts.append(Self.randomASCII(&rng)) }
        for text in texts {
            let fast = text.utf8.withContiguousStorageIfAvailable(Words.tokenizeASCII) ?? nil
            #expect(fast == Words.tokenizeUnicode(text), "'\(text)'")
        }
    }

    @Test("text with any non-ASCII character takes the general path")
    func nonASCIIFallsBack() {
        for text in ["café", "don’t know", "naïve", "ÉNORME", "yes\u{0301}", "no 😀"] {
            let fast = text.utf8.withContiguousStorageIfAvailable(Words.tokenizeASCII) ?? nil
            #expect(fast == nil, "'\(text)'")
            #expect(Words.split(text) == Words.tokenizeUnicode(text))
        }
        #expect(Words("Don’t KNOW").tokens == ["don't", "know"])
        #expect(Words("CAFÉ au lait").tokens == ["café", "au", "lait"])
    }

    /// Every place a phrase stands, found the plain way: at every position, compare every phrase.
    static func plainOccurrences(_ phrases: [Phrase], in words: Words) -> [(Int, Range<Int>)] {
        var found: [(Int, Range<Int>)] = []
        for start in words.tokens.indices {
            for (i, phrase) in phrases.enumerated() where start + phrase.tokens.count <= words.tokens.count {
                let end = start + phrase.tokens.count
                // A phrase does not run over punctuation.
                if words.tokens[start..<end].elementsEqual(phrase.tokens),
                   !words.boundaries.contains(where: { $0.before > start && $0.before < end }) {
                    found.append((i, start..<end))
                } else if let stretched = stretchedEnd(phrase.tokens, words.tokens, start),
                          !words.boundaries.contains(where: { $0.before > start && $0.before < stretched }) {
                    found.append((i, start..<stretched))
                }
            }
        }
        return found
    }

    /// Where a phrase ends with up to two little words inside it ("feel really sick"), tried every
    /// way: each little word in the text is either skipped or must be the phrase's next word.
    static func stretchedEnd(_ phrase: [String], _ tokens: [String], _ start: Int) -> Int? {
        guard phrase.count > 1, start < tokens.count, tokens[start] == phrase[0] else { return nil }
        func end(_ p: Int, _ t: Int, _ skipped: Int) -> Int? {
            if p == phrase.count { return skipped > 0 ? t : nil }
            guard t < tokens.count else { return nil }
            if tokens[t] == phrase[p] { return end(p + 1, t + 1, skipped) }
            if skipped < 2, LittleWords.table.contains(tokens[t]) { return end(p, t + 1, skipped + 1) }
            return nil
        }
        return end(1, start + 1, 0)
    }

    @Test("a phrase is found with a little word or two inside it, never over punctuation or three of them")
    func littleWordsInsidePhrases() {
        var matcher = PhraseMatcher<Int>()
        matcher.add(Phrase("feel sick"), 1)
        matcher.add(Phrase("i don't think so"), 2)
        func found(_ text: String) -> [Range<Int>] { matcher.matches(in: Words(text)).map(\.range) }
        #expect(found("I feel really sick") == [1..<4])
        #expect(found("i don't really think so") == [0..<5])
        #expect(found("feel so very sick") == [0..<4])
        #expect(found("feel really, sick").isEmpty)
        #expect(found("feel really so very sick").isEmpty)
        #expect(found("feel quite unwell, sick").isEmpty)
    }

    @Test("the forms people type for a phrase: no apostrophe, 'not' for a leading 'no', 'her' for 'my'")
    func phraseVariants() {
        func texts(_ phrase: String, negative: Bool = false) -> Set<String> { Set(Phrase(phrase).variants(negative: negative).map(\.normalizedText)) }
        #expect(texts("don't bother me") == ["dont bother me"])
        #expect(texts("it's well controlled") == ["its well controlled"])
        // Endings whose apostrophe-free form is another word are left alone.
        #expect(texts("we'll see").isEmpty)
        #expect(texts("i'd say so").isEmpty)
        #expect(texts("no worse", negative: true) == ["not worse"])
        #expect(texts("no worse").isEmpty)
        #expect(texts("back of my neck") == ["back of her neck", "back of his neck", "back of their neck"])
        #expect(texts("worse when i lie down") == ["worse when she lies down", "worse when he lies down", "worse when they lie down"])
        #expect(texts("i don't") == ["i dont", "she doesn't", "he doesn't", "they don't"])
        #expect(Phrase.thirdPerson("push") == "pushes")
        #expect(Phrase.thirdPerson("carry") == "carries")
        #expect(Phrase.thirdPerson("fainted") == "fainted")
    }

    @Test("the phrase matcher finds exactly what comparing every phrase at every position finds")
    func matcherEqualsPlainSearch() throws {
        let lexicon = try Self.lexicon()
        // Overlapping phrases, repeats and phrases that share first words, as the rules have.
        let phrases = Phrase.list(lexicon.yesWords + lexicon.noWords + lexicon.unsureWords + lexicon.negationBefore + ["no", "not at all"])
        var matcher = PhraseMatcher<Int>()
        for (i, phrase) in phrases.enumerated() { matcher.add(phrase, i) }
        // Little words often, so that phrases with one or two inside ("i don't really think so") come up.
        let vocabulary = Array(Set(phrases.flatMap(\.tokens))).sorted() + ["headache", "light"]
            + Array(repeating: ["really", "so", "even", "literally"], count: 20).flatMap { $0 }
        var rng = SplitMix64(seed: 7)
        for _ in 0..<5_000 {
            let count = Int(rng.next() % 12)
            // Words with spaces between, and now and then a comma or a full stop.
            let separators = [" ", " ", " ", ", ", ". "]
            var text = ""
            for k in 0..<count {
                if k > 0 { text += separators[Int(rng.next() % UInt64(separators.count))] }
                text += vocabulary[Int(rng.next() % UInt64(vocabulary.count))]
            }
            let words = Words(text)
            let fast = matcher.matches(in: words).map { ($0.tag, $0.range) }
            let plain = Self.plainOccurrences(phrases, in: words)
            #expect(fast.map(\.0) == plain.map(\.0) && fast.map(\.1) == plain.map(\.1), "\(words.tokens)")
        }
    }
}

@Suite("Word table")
struct WordTableTests {
    @Test("the word table holds exactly what a Dictionary holds, after random inserts and changes")
    func agreesWithDictionary() {
        var rng = SplitMix64(seed: 99)
        var table = WordTable<Int>()
        var reference: [String: Int] = [:]
        // Few distinct words, so that words are often given new values.
        let words = (0..<300).map { "w\($0 % 150)" + String(repeating: "x", count: $0 % 7) }
        for step in 0..<20_000 {
            let word = words[Int(rng.next() % UInt64(words.count))]
            table.set(step, for: word)
            reference[word] = step
        }
        #expect(table.count == reference.count)
        for word in words + ["", "absent", "w1000"] { #expect(table[word] == reference[word], "'\(word)'") }
        let built = WordTable(reference)
        #expect(built.count == reference.count)
        for (word, value) in reference { #expect(built[word] == value) }
    }

    @Test("a set of words, with non-ASCII and empty words")
    func setOfWords() {
        let set = WordTable(words: ["yes", "", "café", "don't", "yes"])
        #expect(set.count == 4)
        for word in ["yes", "", "café", "don't"] { #expect(set.contains(word)) }
        for word in ["Yes", "cafe", "dont", "no"] { #expect(!set.contains(word)) }
    }
}
