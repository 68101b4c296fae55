import ArgumentParser

/// `--courses DIR`: the folder of course folders to take courses from.
struct CourseFolderOptions: ParsableArguments {
  @Option(name: .customLong("courses"), help: ArgumentHelp("A folder of course folders.", valueName: "dir"))
  var path = "courses"
}
