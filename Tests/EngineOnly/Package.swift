// swift-tools-version: 6.1
// The engine's unit tests, built and run with nothing but the engine and what it needs:
// no store implementation and no SQLite is linked (`make test` checks the test binary with
// ldd). The test files are the root package's Tests/SessionEngineTests, through a link.
import PackageDescription

let package = Package(
  name: "coach-engine-only",
  platforms: [.macOS(.v13)],
  dependencies: [.package(name: "coach", path: "../..")],
  targets: [
    .testTarget(
      name: "SessionEngineTests",
      dependencies: [
        .product(name: "SessionEngine", package: "coach"),
        .product(name: "CourseProgress", package: "coach"),
        .product(name: "CourseModel", package: "coach"),
        .product(name: "LearnerModel", package: "coach"),
        .product(name: "CoachTestSupport", package: "coach"),
        .product(name: "Review", package: "coach"),
      ]
    )
  ]
)
