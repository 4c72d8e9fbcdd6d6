// swift-tools-version: 6.0
import PackageDescription

// The benchmark lives in its own package so the main package (and `swift test`) never builds it.
// Run from the repository root:
//   swift build -c release && swift run -c release --package-path Benchmarks triage-bench
//
// A path dependency is identified by its folder name, which differs between checkouts
// ("headache-triage", "main", ...), so the identity is taken from the folder above this one.
let rootIdentity = Context.packageDirectory.split(separator: "/").dropLast().last.map(String.init) ?? "headache-triage"

let package = Package(
    name: "triage-bench",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "triage-bench",
            dependencies: [.product(name: "TriageKit", package: rootIdentity)],
            path: "Sources/triage-bench",
            // C globals (stdout) and posix_spawn: the Swift 5 mode, as the root package's executable.
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
    ]
)
