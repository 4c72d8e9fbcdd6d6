// swift-tools-version: 6.0
import PackageDescription

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
        .target(name: "TriageKit"),

        // The shipped rules/ folder, embedded into the binary at build time.
        .executableTarget(name: "EmbedRulesTool"),
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
            swiftSettings: [.swiftLanguageMode(.v5)]
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
