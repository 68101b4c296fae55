import Foundation
import LearnerModel
import ProgressStoreSQLite

/// Part (a): children recording answers are killed with SIGKILL at random moments; the
/// store is reopened and must be sound and hold every answer reported as saved.
///
/// Every tenth trial starts a new store in a folder that does not exist yet, so some
/// kills land while the folder, the file or the schema is being created. A quarter of
/// the trials kill at a random time from the start, the rest at a random time after the
/// first answer was reported.
struct KillTrials {
  let options: StressOptions
  let scratch: Scratch

  func run(into tally: inout Tally) async {
    let started = Date()
    var reported: [String: [ReportedAnswer]] = [:]
    var storePath = ""
    var answersReported = 0
    var killedBeforeFirstAnswer = 0
    var perTrial: [Int] = []
    var failedBefore = tally.failed

    for trial in 0..<options.killTrials {
      let employee = "k\(trial)"
      do {
        if trial % 10 == 0 {
          storePath = try await options.store.fresh("kill-\(trial / 10)", scratch: scratch)
          reported = [:]
        }
        let child = try Child(
          arguments: ChildWriter.arguments(
            store: storePath, employee: employee, answers: 1_000_000, durability: options.store.durability),
          outputIn: scratch.folder("kill-out"), name: employee)
        try child.start()
        if trial % 4 == 0 {
          usleep(UInt32.random(in: 0...150_000))
        } else {
          let deadline = Date().addingTimeInterval(20)
          while child.outputSize == 0 && child.process.isRunning && Date() < deadline { usleep(500) }
          usleep(UInt32.random(in: 0...40_000))
        }
        child.kill9()
        child.wait()
        let answers = ReportedAnswer.parse(child.output)
        reported[employee] = answers
        answersReported += answers.count
        perTrial.append(answers.count)
        if answers.isEmpty { killedBeforeFirstAnswer += 1 }

        let outcome = await Verification.check(storePath: storePath, reported: reported, kind: options.store)
        let problems =
          outcome.problems + (child.wasKilled ? [] : ["the child ended before the kill: \(child.errors)"])
        tally.check(problems.isEmpty, "kill trial \(trial): \(problems.joined(separator: "; "))")
      } catch {
        tally.check(false, "kill trial \(trial): \(error)")
      }
      if (trial + 1) % 50 == 0 || trial + 1 == options.killTrials {
        print("  kill trials: \(trial + 1)/\(options.killTrials) done, \(tally.failed - failedBefore) failed")
        failedBefore = tally.failed
      }
    }
    let elapsed = Date().timeIntervalSince(started)
    let sorted = perTrial.sorted()
    let median = sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    print(
      """
      kill -9 trials: \(options.killTrials) in \(String(format: "%.1f", elapsed)) s; \
      \(answersReported) answers reported saved, all checked after reopening; \
      median \(median) answers per trial; \(killedBeforeFirstAnswer) kills before the first answer
      """)
  }
}
