import ArgumentParser
import TriageKit

/// The interactive conversation (the default command).
struct ChatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chat",
        abstract: "Talk through your headache (the default when no command is given).")

    @OptionGroup var rulesOptions: RulesOptions

    func run() throws {
        let rules = try rulesOptions.load()
        print("Loaded \(rules.name) \(rules.version)")
    }
}
