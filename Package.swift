// swift-tools-version: 6.0
import PackageDescription

// Release builds on Linux are one static executable: the Swift runtime, Foundation, the C library
// and libedit (with libtinfo and libbsd, from libedit-dev's dependencies) linked in, so nothing is
// loaded or relocated at start. Loading the shared Swift libraries was a third of a one-script run
// and most of its memory: 22 ms and 28 MiB before, 7 ms and 12 MiB after (see
// docs/performance-and-hardening.md). Foundation's own libraries are named, as
// `swift build --static-swift-stdlib` would add them. Debug builds, and so `swift test` (its
// bundle also links XCTest's shared runtime), stay dynamic.
let staticRuntime = [
    "-static-executable",
    "-lFoundation", "-lFoundationInternationalization", "-lFoundationEssentials", "-lCoreFoundation",
    "-l_FoundationICU", "-l_FoundationCShims", "-l_FoundationCollections", "-lswiftSynchronization",
    "-lswiftDispatch", "-ldispatch", "-lBlocksRuntime", "-lswiftCore", "-lstdc++", "-lm",
    "-ledit", "-ltinfo", "-lbsd", "-lmd",
]

let package = Package(
    name: "headache-triage",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "headache-triage", targets: ["headache-triage"]),
        .library(name: "TriageKit", targets: ["TriageKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // The rules language and the inference engine: no terminal, files or clock.
        .target(name: "TriageKit", dependencies: ["CThreads"]),
        // Starting a helper thread on another processor, for the work done at start-up.
        .target(name: "CThreads"),

        // The shipped rules/ folder, embedded into the binary at build time.
        // It loads them with TriageKit too, to work out their sha256 once, at build time.
        .executableTarget(name: "EmbedRulesTool", dependencies: ["TriageKit"]),
        .plugin(name: "EmbedRules", capability: .buildTool(), dependencies: ["EmbedRulesTool"]),
        .target(name: "DefaultRules", dependencies: ["TriageKit"], plugins: ["EmbedRules"]),

        // libedit, the BSD line editor (Debian package libedit-dev).
        .systemLibrary(
            name: "CLibEdit",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),

        .executableTarget(
            name: "headache-triage",
            dependencies: [
                "TriageKit",
                "DefaultRules",
                "CLibEdit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: [.swiftLanguageMode(.v5)],
            linkerSettings: [.unsafeFlags(staticRuntime, .when(platforms: [.linux], configuration: .release))]
        ),

        .testTarget(
            name: "TriageKitTests",
            dependencies: ["TriageKit", "DefaultRules"],
            exclude: ["Resources"]
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["headache-triage"],
            // The expected transcripts are read from the source tree, so the accept mode can rewrite them.
            exclude: ["Golden"],
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
    ]
)
