import CourseModel
import CourseParser
import Foundation

/// One input: a course folder. The bytes up to the first NUL are `course.md`, the rest is
/// `01-module.md` (a course.md that lists it, or a module that is never listed, is for
/// the fuzzer to find). The folder lives in /dev/shm when there is one, so a run is
/// memory, not disk.
///
/// Loading never throws and never stops at the first problem: besides not crashing,
/// every diagnostic must name a line and column from 1.
@_cdecl("LLVMFuzzerTestOneInput")
public func LLVMFuzzerTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let bytes = Data(UnsafeBufferPointer(start: data, count: size))
  let split = bytes.firstIndex(of: 0) ?? bytes.endIndex
  let course = bytes[bytes.startIndex..<split]
  let module = split < bytes.endIndex ? bytes[(split + 1)...] : Data()
  try? Data(course).write(to: URL(fileURLWithPath: folder + "/course.md"))
  try? Data(module).write(to: URL(fileURLWithPath: folder + "/01-module.md"))
  let result = CourseLoader.load(paths: [folder])
  for diagnostic in result.diagnostics {
    let location = diagnostic.location
    precondition(location.line >= 1 && location.column >= 1, "a diagnostic at no place: \(location)")
  }
  _ = Outline(result).json()
  return 0
}

/// A folder of this process's own.
let folder: String = {
  let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
  let path = base + "/coach-fuzz-\(getpid())"
  try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  return path
}()
