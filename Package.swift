// swift-tools-version: 6.1
import PackageDescription

// The targets, in the order data flows (README "For developers" says what each owns):
//   CourseModel, CourseParser          courses/*.md -> plain values + diagnostics
//   LearnerModel                       records and the ProgressStore protocol
//   ProgressStoreSQLite                the embedded store (the only target that imports GRDB)
//   ProgressStorePostgres              the server store (the only target that imports PostgresNIO)
//   PrivateText                        employee keys and the sealed-text store boundary
//   CourseProgress                     what a history means against a course
//   SessionEngine                      the pure learning state machine and grading
//   Terminal                           consoles, renderers and the learn loop
//   Reports                            what trainers and employees read
//   XAPI                               records as xAPI statements, sent to an LRS (over NIO)
//   coach                              thin subcommands; the only place that picks a store
let package = Package(
  name: "coach",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "coach", targets: ["coach"]),
    .library(name: "CourseModel", targets: ["CourseModel"]),
    .library(name: "CourseParser", targets: ["CourseParser"]),
    .library(name: "LearnerModel", targets: ["LearnerModel"]),
    .library(name: "ProgressStoreSQLite", targets: ["ProgressStoreSQLite"]),
    .library(name: "ProgressStorePostgres", targets: ["ProgressStorePostgres"]),
    .library(name: "PrivateText", targets: ["PrivateText"]),
    .library(name: "CourseProgress", targets: ["CourseProgress"]),
    .library(name: "SessionEngine", targets: ["SessionEngine"]),
    .library(name: "Reports", targets: ["Reports"]),
    .library(name: "Review", targets: ["Review"]),
    .library(name: "CoachTestSupport", targets: ["CoachTestSupport"]),
    .library(name: "Printing", targets: ["Printing"]),
    .library(name: "Exports", targets: ["Exports"]),
    .library(name: "Rosters", targets: ["Rosters"]),
    .library(name: "XAPI", targets: ["XAPI"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
    .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
    .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
    .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
    // The LRS client's HTTP and TLS: the versions postgres-nio already brings.
    .package(url: "https://github.com/apple/swift-nio", exact: "2.101.3"),
    .package(url: "https://github.com/apple/swift-nio-ssl", exact: "2.37.6"),
    .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
    // RFC 4180 CSV, read (rosters) and written (reports): it keeps spaces, empty last
    // fields, short rows and quoted line breaks as they are (docs/reports.md says why
    // this one and not SwiftCSV).
    .package(url: "https://github.com/yaslab/CSV.swift", exact: "2.5.2"),
  ],
  targets: [
    .systemLibrary(
      name: "CCmark",
      pkgConfig: "libcmark",
      providers: [.apt(["libcmark-dev"])]
    ),
    // cmark's allocator during a parse (C for its thread-local arena; see its header).
    .target(name: "CParseArena"),
    // The coach executable's allocator: mimalloc in place of the C library's malloc, with
    // 2 MiB pages (see its header, and docs/architecture.md "The allocator").
    .target(name: "CAllocator", linkerSettings: [.linkedLibrary("mimalloc")]),
    // The scan of a module file for characters a terminal would act on (C for SSE2).
    .target(name: "CTextScan"),
    .target(name: "CourseModel"),
    .target(
      name: "CourseParser",
      dependencies: [
        "CCmark", "CParseArena", "CTextScan", "CourseModel", .product(name: "Yams", package: "Yams"),
      ]
    ),
    .target(name: "LearnerModel"),
    .target(
      name: "ProgressStoreSQLite",
      dependencies: ["LearnerModel", .product(name: "GRDB", package: "GRDB.swift")]
    ),
    .target(
      name: "ProgressStorePostgres",
      dependencies: [
        "LearnerModel", .product(name: "PostgresNIO", package: "postgres-nio"),
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
    // Sealing private text: per-employee keys wrapped under a passphrase (scrypt), and
    // the store decorator that seals on the way in and opens on the way out.
    .target(
      name: "PrivateText",
      dependencies: [
        "LearnerModel", .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "_CryptoExtras", package: "swift-crypto"),
      ]),
    .target(name: "CourseProgress", dependencies: ["CourseModel", "LearnerModel", "Review"]),
    .target(
      name: "SessionEngine", dependencies: ["CourseModel", "CourseProgress", "LearnerModel", "Review"]),
    .target(
      name: "Terminal",
      dependencies: ["CourseModel", "CourseProgress", "LearnerModel", "Review", "SessionEngine"]),
    .target(
      name: "Reports",
      dependencies: [
        "CourseModel", "CourseProgress", "LearnerModel", "Printing", "Review",
        .product(name: "CSV", package: "CSV.swift"),
      ]),
    // Roster files (CSV) read into employees, every problem named by line and column.
    .target(name: "Rosters", dependencies: ["LearnerModel", .product(name: "CSV", package: "CSV.swift")]),
    // The FSRS-6 scheduler of spaced review: pure arithmetic on a question's review log.
    .target(name: "Review"),
    // Self-contained printable HTML (escaping, Markdown blocks, the page shell).
    .target(name: "Printing", dependencies: ["CourseModel"]),
    // Leaving the terminal: GIFT for Moodle, printable workbooks.
    .target(name: "Exports", dependencies: ["CourseModel", "Printing"]),
    // xAPI 1.0.3 statements of the records, and sending them to a learning record store.
    .target(
      name: "XAPI",
      dependencies: [
        "CourseModel", "CourseProgress", "LearnerModel",
        .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"), .product(name: "NIOSSL", package: "swift-nio-ssl"),
      ]
    ),
    .executableTarget(
      name: "coach",
      dependencies: [
        "CourseModel", "CourseParser", "CourseProgress", "Exports", "LearnerModel", "PrivateText",
        "ProgressStorePostgres", "ProgressStoreSQLite", "Reports", "Review", "Rosters", "Terminal", "XAPI",
        "CAllocator", .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .executableTarget(
      name: "coach-store-stress",
      dependencies: ["LearnerModel", "ProgressStorePostgres", "ProgressStoreSQLite"],
      path: "Sources/StoreStress"),

    // Test support: an in-memory store, a scripted console and the store conformance suite.
    .target(name: "CoachTestSupport", dependencies: ["CourseModel", "LearnerModel", "Terminal"]),

    .testTarget(
      name: "CourseParserTests",
      dependencies: ["CourseParser", "CourseModel"],
      exclude: ["Fixtures", "Golden"]
    ),
    .testTarget(name: "LearnerModelTests", dependencies: ["LearnerModel"]),
    .testTarget(
      name: "PrivateTextTests", dependencies: ["PrivateText", "LearnerModel", "CoachTestSupport"]),
    .testTarget(name: "ReviewTests", dependencies: ["Review"], exclude: ["Vectors"]),
    .testTarget(
      name: "ProgressStorePostgresTests",
      dependencies: ["ProgressStorePostgres", "ProgressStoreSQLite", "LearnerModel"]),
    .testTarget(name: "ProgressStoreSQLiteTests", dependencies: ["ProgressStoreSQLite", "LearnerModel"]),
    .testTarget(
      name: "StoreConformanceTests",
      dependencies: ["CoachTestSupport", "LearnerModel", "ProgressStorePostgres", "ProgressStoreSQLite"]),
    .testTarget(
      name: "CourseProgressTests",
      dependencies: ["CourseProgress", "CourseModel", "LearnerModel", "CoachTestSupport", "Review"]
    ),
    .testTarget(
      name: "SessionEngineTests",
      dependencies: [
        "SessionEngine", "CourseProgress", "CourseModel", "LearnerModel", "CoachTestSupport", "Review",
      ]
    ),
    .testTarget(
      name: "TerminalTests",
      dependencies: [
        "Terminal", "SessionEngine", "CourseModel", "LearnerModel", "PrivateText", "CoachTestSupport",
      ]
    ),
    .testTarget(
      name: "ReportsTests",
      dependencies: [
        "Reports", "Rosters", "CourseModel", "CourseProgress", "LearnerModel", "CoachTestSupport",
      ]),
    .testTarget(name: "PrintingTests", dependencies: ["Printing", "CourseModel"]),
    .testTarget(
      name: "ExportsTests",
      dependencies: ["Exports", "CourseParser", "CourseModel"],
      exclude: ["Fixtures", "Golden"]
    ),
    .testTarget(
      name: "XAPITests",
      dependencies: ["XAPI", "CourseModel", "LearnerModel", "SessionEngine", "CoachTestSupport"]
    ),
    .testTarget(
      name: "CoachTests", dependencies: ["coach", "CAllocator", "CourseModel", "Review", "XAPI"],
      resources: [.copy("Fixtures")]),
  ]
)
