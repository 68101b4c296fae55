// swift-tools-version: 6.1
// coach's benchmarks, a package of their own so that `swift build` of coach never builds
// the benchmark harness. `make bench` runs them all:
//
//   swift package --disable-sandbox benchmark     every suite under Benchmarks/ (ordo-one)
//   swift run -c release StoreComparisons        side-by-side tables: coach vs bare SQLite, and
//                                                vs bare postgres-nio and psql (needs a server:
//                                                COACH_TEST_POSTGRES, which make bench sets)
//   swift run -c release ParserBench PATH        coach check vs the cmark command, 10 MB
//   swift run -c release LearnBench PATH         coach learn: 50 MB lessons, 200,000-line pastes
//   swift run -c release KDFCost                 what one passphrase costs, per scrypt cost
//
// To add a suite: an executable target under Benchmarks/<Name>/ that depends on
// `benchmark` and uses the `BenchmarkPlugin`, like `StoreBenchmarks` below.
import PackageDescription

let benchmark: Target.Dependency = .product(name: "Benchmark", package: "benchmark")
let benchmarkPlugin: Target.PluginUsage = .plugin(name: "BenchmarkPlugin", package: "benchmark")

let package = Package(
  name: "coach-benchmarks",
  platforms: [.macOS(.v13)],
  dependencies: [
    .package(name: "coach", path: ".."),
    .package(url: "https://github.com/ordo-one/benchmark", exact: "1.38.1", traits: ["MallocInterposer"]),
    .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
    .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
  ],
  targets: [
    // Suites run by `swift package benchmark`.
    .executableTarget(
      name: "StoreBenchmarks",
      dependencies: [
        benchmark, "StoreBenchSupport", .product(name: "LearnerModel", package: "coach"),
        .product(name: "ProgressStoreSQLite", package: "coach"),
      ],
      path: "Benchmarks/StoreBenchmarks",
      plugins: [benchmarkPlugin]
    ),

    // Shared fixtures and the side-by-side comparisons.
    .target(
      name: "StoreBenchSupport",
      dependencies: [
        .product(name: "CourseModel", package: "coach"), .product(name: "CourseParser", package: "coach"),
        .product(name: "Reports", package: "coach"),
        .product(name: "LearnerModel", package: "coach"),
        .product(name: "ProgressStoreSQLite", package: "coach"),
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "GRDBSQLite", package: "GRDB.swift"),
      ],
      path: "Sources/StoreBenchSupport"
    ),
    // `coach check` on a generated 10 MB course beside the `cmark` command, same run.
    .executableTarget(
      name: "ParserBench",
      dependencies: [.product(name: "CourseParser", package: "coach")],
      path: "Sources/ParserBench"
    ),
    // `coach learn` with a 50 MB lesson and a 200,000-line paste, pipe mode and tmux.
    .executableTarget(name: "LearnBench", path: "Sources/LearnBench"),
    // What a passphrase costs at each scrypt cost (docs/security.md gives the figures).
    .executableTarget(
      name: "KDFCost",
      dependencies: [
        .product(name: "LearnerModel", package: "coach"), .product(name: "PrivateText", package: "coach"),
      ],
      path: "Sources/KDFCost"
    ),
    .executableTarget(
      name: "StoreComparisons",
      dependencies: [
        "StoreBenchSupport", .product(name: "LearnerModel", package: "coach"),
        .product(name: "Reports", package: "coach"),
        .product(name: "ProgressStoreSQLite", package: "coach"),
        .product(name: "ProgressStorePostgres", package: "coach"),
        .product(name: "PostgresNIO", package: "postgres-nio"),
        .product(name: "CourseModel", package: "coach"), .product(name: "CourseParser", package: "coach"),
        .product(name: "CourseProgress", package: "coach"), .product(name: "Review", package: "coach"),
      ],
      path: "Sources/StoreComparisons"
    ),
  ]
)
