// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "coach",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "coach", targets: ["coach"]),
    .library(name: "CourseModel", targets: ["CourseModel"]),
    .library(name: "CourseParser", targets: ["CourseParser"]),
    .library(name: "ProgressStore", targets: ["ProgressStore"]),
    .library(name: "Session", targets: ["Session"]),
    .library(name: "Printing", targets: ["Printing"]),
    .library(name: "Exports", targets: ["Exports"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
    .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
  ],
  targets: [
    .systemLibrary(
      name: "CCmark",
      pkgConfig: "libcmark",
      providers: [.apt(["libcmark-dev"])]
    ),
    .target(name: "CourseModel"),
    .target(
      name: "CourseParser",
      dependencies: ["CCmark", "CourseModel", .product(name: "Yams", package: "Yams")]
    ),
    .target(
      name: "ProgressStore",
      dependencies: ["CourseModel", .product(name: "GRDB", package: "GRDB.swift")]
    ),
    .target(name: "Session", dependencies: ["CourseModel", "CourseParser", "ProgressStore"]),
    .target(name: "Printing", dependencies: ["CourseModel"]),
    .target(name: "Exports", dependencies: ["CourseModel", "Printing"]),
    .executableTarget(
      name: "coach",
      dependencies: [
        "CourseModel", "CourseParser", "Exports", "ProgressStore", "Session",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .executableTarget(
      name: "coach-store-stress", dependencies: ["ProgressStore"], path: "Sources/StoreStress"),
    .testTarget(
      name: "CourseParserTests",
      dependencies: ["CourseParser", "CourseModel"],
      exclude: ["Fixtures", "Golden"]
    ),
    .testTarget(name: "ProgressStoreTests", dependencies: ["ProgressStore"]),
    .testTarget(name: "SessionTests", dependencies: ["Session", "CourseParser", "ProgressStore"]),
    .testTarget(name: "CoachTests", dependencies: ["coach"], resources: [.copy("Fixtures")]),
    .testTarget(name: "PrintingTests", dependencies: ["Printing", "CourseModel"]),
    .testTarget(
      name: "ExportsTests",
      dependencies: ["Exports", "Printing", "CourseParser", "CourseModel"],
      exclude: ["Fixtures", "Golden"]
    ),
  ]
)
