import ArgumentParser

/// `--courses DIR`: the folder of course folders to take courses from.
struct CourseFolderOptions: ParsableArguments {
  @Option(
    name: .customLong("courses"),
    help: ArgumentHelp(
      "A folder of course folders. Default: courses; for progress, the folder each course was taken from.",
      valueName: "dir"))
  var given: String?

  /// `--courses`, else `courses`.
  var path: String { given ?? "courses" }
}
