// coach-store-stress: kills writers at random moments and runs many writers at once
// against one progress store, then checks that nothing reported as saved was lost.
//
//   coach-store-stress --kill-trials 200 --writers 50 --answers 200 [--durability full|normal]
//                      [--store postgres://user@host:port/dbname]
//
// With --store, every store is a new database on that server (the user must be allowed
// to create databases), named after the URL's database; they are dropped on success.
//
// It ends with a line "N passed, M failed" and exits non-zero on any failure.
import Foundation
import LearnerModel
import ProgressStoreSQLite

let arguments = Array(CommandLine.arguments.dropFirst())

if arguments.first == ChildWriter.flag {
  exit(await ChildWriter.run(arguments: Array(arguments.dropFirst())))
}

do {
  let options = try StressOptions(arguments: arguments)
  var tally = Tally()
  let scratch = try Scratch()
  print("coach-store-stress: \(options.store.label), scratch \(scratch.root.path)")

  if options.killTrials > 0 {
    await KillTrials(options: options, scratch: scratch).run(into: &tally)
  }
  if options.writers > 0 {
    await ConcurrentWriters(options: options, scratch: scratch).run(into: &tally)
  }

  if tally.failed == 0 {
    scratch.remove()
    await options.store.remove()
  } else {
    print("kept \(scratch.root.path) for inspection")
  }
  print("\(tally.passed) passed, \(tally.failed) failed")
  exit(tally.failed == 0 ? 0 : 1)
} catch {
  FileHandle.standardError.write(Data("coach-store-stress: \(error)\n".utf8))
  exit(64)
}
