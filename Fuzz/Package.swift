// swift-tools-version: 6.1
// coach's fuzz targets, a package of their own so that neither `swift build` nor
// `swift test` of coach ever builds them. `make fuzz` builds them with libFuzzer and
// AddressSanitizer (`-sanitize=fuzzer,address`, for this package and the coach targets
// it uses) and runs each for FUZZ_SECONDS (1800 by default):
//
//   FuzzCourseParser   a course folder (course.md + one module) read by CourseLoader
//   FuzzAnswerParser   a typed line read by SessionEngine's AnswerParser, every kind
//
// Each target is an executable with no `main` of its own: libFuzzer's calls the
// `LLVMFuzzerTestOneInput` entry point.
import PackageDescription

let package = Package(
  name: "coach-fuzz",
  platforms: [.macOS(.v13)],
  dependencies: [.package(name: "coach", path: "..")],
  targets: [
    .executableTarget(
      name: "FuzzCourseParser",
      dependencies: [
        .product(name: "CourseParser", package: "coach"), .product(name: "CourseModel", package: "coach"),
      ]),
    .executableTarget(
      name: "FuzzAnswerParser", dependencies: [.product(name: "SessionEngine", package: "coach")]),
  ]
)
